#!/usr/bin/env bash
# Writes the output of `./tn4j --help` and `./tn4j <command> --help` into docs/cli.md, between the
# markers <!-- help:NAME:start --> and <!-- help:NAME:end --> (NAME: main or the command), so that the
# reference shows exactly what the CLI prints. Run from anywhere after changing an option:
#   tests/docs/cli-help.sh           rewrites docs/cli.md
#   tests/docs/cli-help.sh --check   exits 1 (naming the block) when docs/cli.md is out of date
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
doc="$root/docs/cli.md"
mode="${1:-write}"

help_of() {
  if [[ "$1" == main ]]; then "$root/tn4j" --help; else "$root/tn4j" "$1" --help; fi
}

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
cp "$doc" "$out"
for name in $(grep -o '<!-- help:[a-z-]*:start -->' "$doc" | sed 's/<!-- help:\(.*\):start -->/\1/'); do
  block="$(mktemp)"
  { echo '```text'; help_of "$name"; echo '```'; } >"$block"
  # Replace everything between the markers with the block (awk: no sed escaping of the help text).
  awk -v start="<!-- help:$name:start -->" -v end="<!-- help:$name:end -->" -v file="$block" '
    $0 == start { print; while ((getline line < file) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' "$out" >"$out.new"
  mv "$out.new" "$out"
  rm -f "$block"
done
if [[ "$mode" == --check ]]; then
  if ! diff -u "$doc" "$out" >&2; then
    echo "docs/cli.md is out of date with the CLI's help: run tests/docs/cli-help.sh" >&2
    exit 1
  fi
else
  cp "$out" "$doc"
fi

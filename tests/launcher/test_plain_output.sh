#!/usr/bin/env bash
# Output that goes to a file carries no terminal escape codes: Maven as the build runs it (CMake's java
# target, ./tn4j; Maven 3.8's jansi otherwise ends every run with ESC[0m, turned off in .mvn/jvm.config)
# and ./tn4j itself, run in a clean environment (no JAVA_HOME: it finds Java by itself).
# Usage: test_plain_output.sh SOURCE_ROOT
set -euo pipefail
root="$(readlink -f "$1")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/launcher/expect.bash
source "$(dirname "${BASH_SOURCE[0]}")/expect.bash"

plain() {  # plain WHAT FILE: the file holds no ESC byte
  if grep -q $'\x1b' "$2"; then
    echo "FAILED: $1 wrote escape codes: $(grep -c $'\x1b' "$2") lines, e.g. $(grep -m1 $'\x1b' "$2" | cat -v)"
    failures=$((failures + 1))
  else
    echo "ok: $1: no escape codes ($(wc -c <"$2") bytes)"
  fi
}

(cd "$root" && mvn -q -B validate) >"$tmp/mvn.out" 2>"$tmp/mvn.err"
plain "mvn -q -B (stdout)" "$tmp/mvn.out"
plain "mvn -q -B (stderr)" "$tmp/mvn.err"

if env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$HOME" "$root/tn4j" --help >"$tmp/tn4j.out" 2>"$tmp/tn4j.err"; then
  echo "ok: ./tn4j --help runs with no variables set"
else
  echo "FAILED: ./tn4j --help: $(cat "$tmp/tn4j.err")"
  failures=$((failures + 1))
fi
plain "./tn4j --help (stdout)" "$tmp/tn4j.out"
# Units print as UTF-8 even without a locale (Java would write "?" for Å in the C locale).
if env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$HOME" "$root/tn4j" eval --help | grep -q "(Å)"; then
  echo "ok: ./tn4j eval --help prints Å with no locale set"
else
  echo "FAILED: ./tn4j eval --help with no locale: $(env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$HOME" "$root/tn4j" eval --help | grep -m1 "periodic box")"
  failures=$((failures + 1))
fi
plain "./tn4j --help (stderr, with its build output when it built)" "$tmp/tn4j.err"

finish

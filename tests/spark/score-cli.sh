#!/usr/bin/env bash
# ./tn4j score end to end with no --master (an embedded local Spark): convert HDF5 to a Parquet table,
# score it as JSON Lines with an ensemble, check one row per conformer with status ok and the manifest's
# checksums, that a second run without --resume is refused (one "tn4j: error:" line, exit 2) and that
# --resume then scores nothing new; stdout/stderr carry no Spark log lines. Usage: score-cli.sh [ROOT]
set -euo pipefail
root="${1:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
models=("$root/tests/fixtures/tensornet/tn-small.ckpt" "$root/tests/fixtures/tensornet/tn-bench.ckpt")

"$root/tn4j" convert --input "$root/examples/data/xtb-gfn2-md-test.h5" --output "$tmp/in.parquet" >"$tmp/convert.out" 2>&1
grep -qx "310 conformers written to $tmp/in.parquet" "$tmp/convert.out" || fail "convert: $(cat "$tmp/convert.out")"

"$root/tn4j" score --model "${models[@]}" --input "$tmp/in.parquet" --output "$tmp/scores" --forces \
  --output-format jsonl --no-progress >"$tmp/score.out" 2>"$tmp/score.err"
grep -q "^310 conformers: 310 ok, 0 failed" "$tmp/score.out" || fail "score: $(cat "$tmp/score.out" "$tmp/score.err")"
[[ ! -s "$tmp/score.err" ]] || fail "stderr not empty: $(head -5 "$tmp/score.err")"
rows="$(cat "$tmp"/scores/part-*.json | wc -l)"
[[ "$rows" == 310 ]] || fail "$rows output rows, expected 310"
ok="$(cat "$tmp"/scores/part-*.json | grep -c '"status":"ok"')"
[[ "$ok" == 310 ]] || fail "$ok rows with status ok"
ids="$(cat "$tmp"/scores/part-*.json | grep -o '"id":"[^"]*"' | sort -u | wc -l)"
[[ "$ids" == 310 ]] || fail "$ids distinct ids"
grep -q '"energy_std"' "$tmp"/scores/part-00000-*.json || fail "no energy_std for an ensemble"
for m in "${models[@]}"; do
  grep -q "$(sha256sum "$m" | cut -d' ' -f1)" "$tmp/scores/_manifest.json" || fail "manifest lacks the SHA-256 of $m"
done

set +e
"$root/tn4j" score --model "${models[@]}" --input "$tmp/in.parquet" --output "$tmp/scores" --output-format jsonl \
  --no-progress >"$tmp/again.out" 2>"$tmp/again.err"
rc=$?
set -e
[[ "$rc" == 2 ]] || fail "existing output: exit code $rc, expected 2"
[[ "$(wc -l <"$tmp/again.err")" == 1 ]] && grep -q "^tn4j: error: output .* exists: give --resume" "$tmp/again.err" \
  || fail "existing output: $(cat "$tmp/again.err")"

"$root/tn4j" score --model "${models[@]}" --input "$tmp/in.parquet" --output "$tmp/scores" --forces \
  --output-format jsonl --no-progress --resume >"$tmp/resume.out" 2>&1
grep -q "^310 conformers: 310 ok, 0 failed (status column); 310 already scored, 0 now" "$tmp/resume.out" \
  || fail "resume: $(cat "$tmp/resume.out")"
echo "score-cli: ok"

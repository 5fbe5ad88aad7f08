#!/usr/bin/env bash
# Benchmark (not a test) of OpenMM driven from Java (docs/benchmarks.md, "OpenMM driven from Java"): the
# Java-driven step against the C++ host on the same system, alternating; the reporters' cost at their
# default interval (the same tn4j md run with reports every 100 steps and with one report at the end);
# ML/MM alanine dipeptide in TIP3P water (Amber14, PME) in ns/day on the CPU platform. Needs the native
# build (cmake --build build) with OpenMM's headers installed.
#   tests/bench/md.sh [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
rounds="${1:-3}"
cd "$root"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
model=examples/models/default.ckpt
wall() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }

echo "# md benchmark $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## C++ host vs Java-driven, alanine dipeptide, 400 steps (CppParity)"
for round in $(seq "${TN4J_BENCH_CPP_ROUNDS:-$rounds}"); do
  ./tn4j run plugin/openmm/tests/java/CppParity.java build/plugin/openmm/tests/example_alanine_dipeptide 400 | tail -2
done
echo "## reporters: tn4j md caffeine, 1000 steps, CPU platform, wall seconds (report every 100 steps / once)"
for round in $(seq "$rounds"); do
  with=$(wall ./tn4j md --model "$model" --energy-unit eV --input examples/molecules/caffeine.pdb --steps 1000 --dt 0.5 \
      --temperature 300 --platform CPU --report-interval 100 --no-progress --out "$out/r$round-100")
  without=$(wall ./tn4j md --model "$model" --energy-unit eV --input examples/molecules/caffeine.pdb --steps 1000 --dt 0.5 \
      --temperature 300 --platform CPU --report-interval 1000 --no-progress --out "$out/r$round-1000")
  echo "round $round: every 100 steps ${with} s, once ${without} s"
done
echo "## ML/MM: alanine dipeptide on the model in TIP3P water (Amber14, PME), CPU platform, 1 fs"
/usr/bin/python3 examples/scripting/solvate.py "$out/solvated.pdb" "$out/solvated.xml"
./tn4j md --model "$model" --energy-unit eV --input "$out/solvated.pdb" --system "$out/solvated.xml" --ml-atoms resname:ACE,resname:ALA,resname:NME \
  --minimize --steps 300 --dt 1 --temperature 300 --platform CPU --report-interval 100 --no-progress \
  --out "$out/mlmm" >/dev/null
cat "$out/mlmm/state.csv"

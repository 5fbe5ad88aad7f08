#!/usr/bin/env bash
# Benchmark (not a test): the same model and molecule through every engine adapter in one run, so that
# the adapters' own share per step can be compared on the same machine at the same time
# (docs/benchmarks.md, "Engines"). Needs the native build (cmake --build build) and Debian's python3-ase
# and lammps. Prints each tool's own lines; the numbers go into docs/benchmarks.md by hand.
#   tests/bench/engines.sh [BUILD_DIR] [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
rounds="${2:-2}"
model="$root/tests/fixtures/tensornet/tn-bench.ckpt"
export PYTHONPATH="$build/python${PYTHONPATH:+:$PYTHONPATH}"
cd "$root"

echo "# engines benchmark $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  echo "## round $round"
  echo "### OpenMM (CPU platform, LangevinMiddle; bench_openmm, 150 steps)"
  "$build/plugin/openmm/tests/bench_openmm" "$model" tests/fixtures/tensornet/tn-bench__alanine_dipeptide.json CPU 150
  echo "### ASE (Velocity Verlet; bench_ase.py, alanine dipeptide and the solvated box)"
  /usr/bin/python3 plugin/ase/bench/bench_ase.py --model "$model" --steps 150 --box-steps 5 --rounds 1
  echo "### i-PI (ASE SocketIOCalculator driving tn4j ipi; 150 steps)"
  /usr/bin/python3 examples/ipi/ase_md.py --model "$model" --energy-unit eV --steps 150 2>&1 | tail -2
  echo "### LAMMPS (tn4j-lammps NVE of the 192-atom water box on default.ckpt; test_lammps bench 10)"
  "$build/plugin/lammps/tests/test_lammps" bench 10 || echo "(LAMMPS not built)"
done

#!/usr/bin/env bash
# Benchmark (not a test): TorchMD-Net and tensornet4j side by side on the same structures in one run
# (docs/benchmarks.md, "Run them yourself"). Per model and structure it times TorchMD-Net, then
# `./tn4j bench`, back to back, checks that both give the same energy (|ΔE| per structure, with
# `./tn4j eval`), and prints a markdown table per model: medians, minima, ratios tn4j / TorchMD-Net,
# with the processors, CPU model and load average at start and end. TorchMD-Net runs in the process
# environment ./tn4j gives LibTorch (java/process-env.bash; --torchmdnet-env default: as inherited).
#
#   TORCHMDNET_SRC=DIR tests/bench/torchmdnet.sh [--output FILE] [--systems NAME...] [--models NAME...]
#                                               [--repeats N] [--warmup N] [--rounds N] [--threads N] [--charge Q]
#                                               [--torchmdnet-env tn4j|default] [--before CHECKOUT]
#   (or --torchmdnet-src DIR; defaults: tn-bench and tn2-bench on alanine_dipeptide chignolin dhfr,
#   5 timed calls after 3 untimed ones, 1 round, 2 threads, charge 0; add testosterone or factorIX with
#   --systems: factorIX takes ~20 s per TorchMD-Net call on 2 cores)
#
# Needs PyTorch for /usr/bin/python3 (Debian: apt-get install python3-torch, 1.13.1 as in the baseline;
# benchmarking only, nothing else in the project uses it) and TorchMD-Net's source, which is not part of
# this repository (its code is not copied here). Get it with git, at the baseline's commit:
#   git clone https://github.com/torchmd/torchmd-net /tmp/torchmd-net && git -C /tmp/torchmd-net checkout 833c077
# or, from a bare mirror: mkdir /tmp/torchmd-net && git --git-dir=MIRROR archive 833c077 torchmdnet | tar -x -C /tmp/torchmd-net
# (then TORCHMDNET_COMMIT=833c077 labels the report). TorchMD-Net itself need not be installed: what it
# imports but is missing here (lightning, its Warp/compiled neighbour kernels, PyTorch >= 2.1 APIs) is
# replaced inside the benchmark's Python process only; tests/bench/torchmdnet_bench.py lists each
# replacement and the report repeats the list.
# PYTHON=... picks another interpreter (default /usr/bin/python3, which has Debian's packages).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
cd "$root"

if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "torchmdnet.sh: error: $python cannot import torch: install PyTorch (Debian: apt-get install python3-torch)" >&2
  exit 2
fi
# Builds the Java modules now if they are missing or stale, so that no build lands inside a timing.
./tn4j --version >/dev/null
exec "$python" "$root/tests/bench/torchmdnet_bench.py" "$@"

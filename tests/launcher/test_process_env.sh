#!/usr/bin/env bash
# java/process-env.bash (sourced by ./tn4j and java/bench/run) in a clean environment: what it exports,
# the user's values kept, the opt-out; OPENBLAS_CORETYPE never set. No JVM.
# Usage: test_process_env.sh PATH/TO/process-env.bash
set -euo pipefail
env_file="$(readlink -f "$1")"
# shellcheck source=tests/launcher/expect.bash
source "$(dirname "${BASH_SOURCE[0]}")/expect.bash"
tunables=glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824

# The variables after sourcing the file under the launchers' shell options, in an environment
# that holds only PATH and the NAME=VALUE arguments.
sourced() {
  env -i PATH="$PATH" "$@" bash -c 'set -euo pipefail; source "$1"
    echo "OMP_WAIT_POLICY=${OMP_WAIT_POLICY-<unset>} GLIBC_TUNABLES=${GLIBC_TUNABLES-<unset>} OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE-<unset>} THP_MEM_ALLOC_ENABLE=${THP_MEM_ALLOC_ENABLE-<unset>}"' \
    bash "$env_file"
}

# On this machine.
coretype='<unset>'
expect "defaults" "OMP_WAIT_POLICY=PASSIVE GLIBC_TUNABLES=$tunables OPENBLAS_CORETYPE=$coretype THP_MEM_ALLOC_ENABLE=1" \
  "$(sourced)"
expect "opt-out: TN4J_PROCESS_TUNING=0 keeps only the wait policy" \
  "OMP_WAIT_POLICY=PASSIVE GLIBC_TUNABLES=<unset> OPENBLAS_CORETYPE=<unset> THP_MEM_ALLOC_ENABLE=<unset>" \
  "$(sourced TN4J_PROCESS_TUNING=0)"
expect "TN4J_PROCESS_TUNING=1 is on" \
  "OMP_WAIT_POLICY=PASSIVE GLIBC_TUNABLES=$tunables OPENBLAS_CORETYPE=$coretype THP_MEM_ALLOC_ENABLE=1" \
  "$(sourced TN4J_PROCESS_TUNING=1)"
expect "the user's values are kept" \
  "OMP_WAIT_POLICY=ACTIVE GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX512F OPENBLAS_CORETYPE=HASWELL THP_MEM_ALLOC_ENABLE=0" \
  "$(sourced OMP_WAIT_POLICY=ACTIVE GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX512F OPENBLAS_CORETYPE=HASWELL THP_MEM_ALLOC_ENABLE=0)"
for variable in MALLOC_ARENA_MAX MALLOC_MMAP_THRESHOLD_ MALLOC_TRIM_THRESHOLD_ MALLOC_TOP_PAD_; do
  expect "$variable set: malloc left to the user" \
    "OMP_WAIT_POLICY=PASSIVE GLIBC_TUNABLES=<unset> OPENBLAS_CORETYPE=$coretype THP_MEM_ALLOC_ENABLE=1" \
    "$(sourced "$variable=4")"
done

# Both launchers take their environment from the file, and nowhere else.
root="$(dirname "$(dirname "$env_file")")"
for launcher in "$root/tn4j" "$root/java/bench/run"; do
  expect "$(basename "$launcher") sources java/process-env.bash" 1 "$(grep -c 'source .*java/process-env.bash' "$launcher")"
  expect "$(basename "$launcher") sets none of the variables itself" 0 \
    "$(grep -cE '^[^#]*(OMP_WAIT_POLICY|GLIBC_TUNABLES|OPENBLAS_CORETYPE|THP_MEM_ALLOC_ENABLE)=' "$launcher" || true)"
done

finish

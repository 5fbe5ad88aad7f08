# Sourced by the launchers (./tn4j, java/bench/run): the environment their JVM runs LibTorch in. Each
# variable is read once, when its library loads or the process starts, so it is set before the JVM starts.
# A value the user set is kept; TN4J_PROCESS_TUNING=0 turns off all but OMP_WAIT_POLICY. The JVM host of
# native engines sets the same itself (native/src/ProcessTuning.cpp, where the measurements are).
# OPENBLAS_CORETYPE is left alone: OpenBLAS picks the kernels for the CPU by itself (AVX-512 ones on the
# build machine); a preset older core (that machine's environment sets Haswell) halves sgemm's speed.

tn4j_process_env() {
  # LibTorch's OpenMP threads wait passively: with the default (spinning) policy two threads on a
  # machine where another process is busy took 10-100x longer per call (alanine dipeptide 0.2-2 s
  # instead of 20 ms, docs/benchmarks-log.md); passive waiting costs little on a quiet one.
  export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
  [[ "${TN4J_PROCESS_TUNING:-}" != 0 ]] || return 0
  # LibTorch backs tensors of 2 MiB and more with transparent huge pages: those above glibc's 32 MiB mmap
  # ceiling (large systems' activations) are otherwise faulted in page by page every call (DHFR with
  # tn-bench 1.2-1.3 -> 0.88-0.97 s per call; small systems unchanged).
  export THP_MEM_ALLOC_ENABLE="${THP_MEM_ALLOC_ENABLE:-1}"
  # LibTorch frees and reallocates its large tensors (~30 MB for chignolin) every call; with glibc's
  # defaults they go back to the OS and are faulted in again (966 k page faults). One arena (the Java
  # main thread is not the process's, and a secondary arena loses its blocks whatever the thresholds)
  # that keeps blocks below 32 MiB in its heap and up to 1 GiB of freed memory: 196 k faults,
  # chignolin 235 -> 169 ms. Skipped when the user configured malloc.
  if [[ -z "${GLIBC_TUNABLES+set}${MALLOC_ARENA_MAX+set}${MALLOC_MMAP_THRESHOLD_+set}${MALLOC_TRIM_THRESHOLD_+set}${MALLOC_TOP_PAD_+set}" ]]; then
    export GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824
  fi
}

tn4j_process_env

#include "ProcessTuning.h"

#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <malloc.h>

namespace tensornet4j {
namespace {

bool isSet(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0';
}

/**
 * LibTorch's OpenMP workers spin between parallel regions by default. Inside an engine with threads
 * of its own (OpenMM's CPU platform, the JVM's) on a few busy cores they take the cores the next step
 * needs: alanine dipeptide through OpenMM took 480-770 ms per step instead of 12-22 ms on 2 cores.
 * libgomp reads the policy once, when LibTorch loads it, so set it before, unless the user chose one.
 * Not part of the TN4J_PROCESS_TUNING opt-out: setting OMP_WAIT_POLICY overrides it.
 */
void preferPassiveOpenMpWaiting() {
    setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
}

/** TN4J_PROCESS_TUNING=0 turns the malloc and huge-page settings below off; unset or anything else: on. */
bool tuningWanted() {
    const char* value = std::getenv("TN4J_PROCESS_TUNING");
    return value == nullptr || std::strcmp(value, "0") != 0;
}

/** glibc reads these at start-up: whoever set one tuned malloc on purpose, and we leave it alone. */
bool userConfiguredMalloc() {
    for (const char* name : {"MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_"}) {
        if (std::getenv(name) != nullptr) return true;
    }
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    return tunables != nullptr && std::strstr(tunables, "glibc.malloc.") != nullptr;
}

/**
 * LibTorch frees and reallocates its large tensors every step (chignolin with tn-bench: [edges, 10, 128]
 * floats, ~30 MB). With glibc's defaults such blocks go back to the OS (munmap, heap trimming) and are
 * faulted in and zeroed again at the next step: 2.6 M page faults in 30 OpenMM steps. Served from the
 * heap (mmap threshold 32 MiB) and kept there (trim threshold 1 GiB: not unlimited, so freed memory
 * above that still goes back to the OS), the OpenMM host had 0.2 M faults and took 172 ms per step
 * instead of 340 (measured with these thresholds set through GLIBC_TUNABLES, trim threshold 4 GiB).
 * Cost: up to 1 GiB of freed memory can stay with the process.
 *
 * This removes the faults for calls on threads of glibc's main arena: the process's main thread, usually
 * the engine's. A thread with a secondary arena (e.g. a Java main thread, which is not the process's)
 * still loses its blocks: in a plain JVM these thresholds alone did not help. Such users can start the
 * process with GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824
 * (one arena for every thread, as ./tn4j does: 966 k -> 196 k faults, chignolin 235 -> 169 ms). Not set
 * from here: one arena would also serialise the mallocs of every thread of the engine.
 */
void keepLargeBlocksInTheHeap() {
    if (userConfiguredMalloc()) return;
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

/**
 * LibTorch (c10) aligns CPU allocations of 2 MiB and more to 2 MiB and asks for transparent huge pages
 * when THP_MEM_ALLOC_ENABLE=1. Tensors above glibc's largest mmap threshold (32 MiB: the radial MLPs'
 * activations of large systems) are mapped fresh every call and faulted in page by page: DHFR with
 * tn-bench spent 11-15 % of a call in page faults, and took 0.88-0.97 s per call instead of 1.2-1.3 with
 * huge pages (peak memory +5-10 %); small systems are unchanged. c10 reads the variable when it first
 * allocates, so set it before, unless the user chose a value.
 */
void preferHugePagesForLargeTensors() {
    setenv("THP_MEM_ALLOC_ENABLE", "1", 0);
}

}  // namespace

void tuneProcessBeforeJvm() {
    preferPassiveOpenMpWaiting();
    if (!tuningWanted()) return;
    keepLargeBlocksInTheHeap();
    preferHugePagesForLargeTensors();
}

}  // namespace tensornet4j

// The process tuning of the JVM host (native/src/ProcessTuning.cpp), checked in the process whose JVM the
// host created through the C ABI, with TensorNet loaded and run once (so LibTorch and its OpenBLAS are
// loaded as in an engine). The host tunes once, from the environment, before it creates the JVM, so each
// mode is its own process (ctest sets the environment):
//   tuned          nothing preset: reused large blocks cost no page faults; OPENBLAS_CORETYPE left unset;
//                  THP_MEM_ALLOC_ENABLE=1 (LibTorch's huge pages for large tensors)
//   opt-out        TN4J_PROCESS_TUNING=0: the faults are there (so the tuning is what removes them),
//                  OPENBLAS_CORETYPE and THP_MEM_ALLOC_ENABLE stay unset
//   user-settings  OPENBLAS_CORETYPE, THP_MEM_ALLOC_ENABLE and a glibc.malloc tunable preset: all left as
//                  the user set them
#include "tensornet4j/tensornet4j.h"

#include <nlohmann/json.hpp>

#include <dlfcn.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

using nlohmann::json;

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
    if (!ok) failures++;
    std::cout << (ok ? "ok: " : "FAILED: ") << what << std::endl;
}

std::string getenvOr(const char* name, const std::string& fallback) {
    const char* value = std::getenv(name);
    return value == nullptr ? fallback : value;
}

/** The JVM host's JVM with TensorNet in it, and one step run: as in an engine after its first step. */
bool createJvmAndRunTensorNet() {
    std::ifstream in(std::string(TN4J_FIXTURES) + "/tensornet/tn-small__caffeine.json");
    json ref = json::parse(in);
    json config;
    config["checkpoint"] = std::string(TN4J_FIXTURES) + "/tensornet/tn-small.ckpt";
    config["atomic_numbers"] = ref["z"];
    tn4j_potential* p = tn4j_create("org.tensornet4j.TensorNetPotential", config.dump().c_str());
    check(p != nullptr, std::string("JVM created and TensorNet loaded through the C ABI ") + tn4j_last_error());
    if (p == nullptr) return false;
    std::vector<double> pos, forces(3 * ref["z"].size());
    for (auto& row : ref["pos"]) for (auto& v : row) pos.push_back(v.get<double>());
    double energy = 0;
    int rc = tn4j_compute(p, static_cast<int>(ref["z"].size()), pos.data(), nullptr, forces.data(), &energy);
    check(rc == 0, std::string("one step ") + tn4j_last_error());
    tn4j_release(p);
    return rc == 0;
}

constexpr size_t blockBytes = 20 << 20;
constexpr int blocks = 4;

/**
 * Minor page faults of this thread (RUSAGE_THREAD: the JVM's JIT and GC threads fault pages at the same
 * time) while it allocates four blocks of 20 MiB, writes every page, and frees them, as LibTorch does
 * with its large tensors each step. Four blocks, 80 MiB together: more than glibc's default trim
 * threshold can grow to (twice its dynamic mmap threshold, at most 2 x 32 MiB), so with glibc's defaults
 * they go back to the OS at each round and fault again at the next, whatever the process did before.
 */
long faultsOfOneRound() {
    const long page = sysconf(_SC_PAGESIZE);
    rusage before{}, after{};
    getrusage(RUSAGE_THREAD, &before);
    std::vector<volatile char*> held;
    for (int b = 0; b < blocks; b++) {
        auto* block = static_cast<volatile char*>(std::malloc(blockBytes));
        for (size_t i = 0; i < blockBytes; i += page) block[i] = 1;
        held.push_back(block);
    }
    for (volatile char* block : held) std::free(const_cast<char*>(block));
    getrusage(RUSAGE_THREAD, &after);
    return after.ru_minflt - before.ru_minflt;
}

/** The fewest and the most faults of rounds 2 to 4 (round 1 faults the blocks in either way). */
std::pair<long, long> reuseFaults() {
    faultsOfOneRound();
    long fewest = faultsOfOneRound(), most = fewest;
    for (int round = 0; round < 2; round++) {
        long faults = faultsOfOneRound();
        fewest = std::min(fewest, faults);
        most = std::max(most, faults);
    }
    return {fewest, most};
}

void checkBlocksKept() {
    const long pages = blocks * static_cast<long>(blockBytes / sysconf(_SC_PAGESIZE));
    auto [fewest, most] = reuseFaults();
    check(most < 500, "reused large blocks stay in the heap: at most " + std::to_string(most) + " page faults per round of " +
                          std::to_string(pages) + " pages (< 500)");
}

void checkBlocksReturned(const std::string& why) {
    const long pages = blocks * static_cast<long>(blockBytes / sysconf(_SC_PAGESIZE));
    auto [fewest, most] = reuseFaults();
    check(fewest > pages / 2, why + ": reused large blocks fault again, at least " + std::to_string(fewest) +
                                  " page faults per round of " + std::to_string(pages) + " pages (> half)");
}

/** The core that JavaCPP's OpenBLAS (the one LibTorch uses, loaded with it) chose in this process. */
std::string openBlasCore() {
    void* openblas = dlopen("libopenblas_nolapack.so.0", RTLD_NOW | RTLD_NOLOAD);
    if (openblas == nullptr) return "<libopenblas_nolapack.so.0 is not loaded>";
    auto corename = reinterpret_cast<char* (*)()>(dlsym(openblas, "openblas_get_corename"));
    std::string core = corename == nullptr ? "<no openblas_get_corename>" : corename();
    dlclose(openblas);
    return core;
}

}  // namespace

int main(int argc, char** argv) {
    std::string mode = argc > 1 ? argv[1] : "";
    if (mode != "tuned" && mode != "opt-out" && mode != "user-settings") {
        std::cerr << "usage: test_process_tuning tuned|opt-out|user-settings" << std::endl;
        return 2;
    }
    if (!createJvmAndRunTensorNet()) return 1;
    std::string coretype = getenvOr("OPENBLAS_CORETYPE", "<unset>");
    std::string hugePages = getenvOr("THP_MEM_ALLOC_ENABLE", "<unset>");
    std::string core = openBlasCore();
    std::cout << "OpenBLAS core: " << core << std::endl;
    if (mode == "tuned") {
        checkBlocksKept();
        // OpenBLAS chooses its kernels for the CPU itself; the host does not force a core.
        check(coretype == "<unset>", "OPENBLAS_CORETYPE left unset: " + coretype);
        check(hugePages == "1", "THP_MEM_ALLOC_ENABLE=1 set before LibTorch loaded: " + hugePages);
    } else if (mode == "opt-out") {
        checkBlocksReturned("TN4J_PROCESS_TUNING=0");
        check(coretype == "<unset>", "TN4J_PROCESS_TUNING=0 leaves OPENBLAS_CORETYPE unset: " + coretype);
        check(hugePages == "<unset>", "TN4J_PROCESS_TUNING=0 leaves THP_MEM_ALLOC_ENABLE unset: " + hugePages);
    } else {
        check(hugePages == "0", "the user's THP_MEM_ALLOC_ENABLE=0 is kept: " + hugePages);
        checkBlocksReturned("the user's " + getenvOr("GLIBC_TUNABLES", "<no GLIBC_TUNABLES>"));
        check(coretype == "NEHALEM", "the user's OPENBLAS_CORETYPE=NEHALEM is kept: " + coretype);
        check(core == "Nehalem", "OpenBLAS runs the user's core: " + core);
    }
    std::cout << (failures == 0 ? "all passed" : "some failed") << std::endl;
    return failures == 0 ? 0 : 1;
}

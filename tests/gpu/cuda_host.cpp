// The CUDA test host: an OpenMM-like engine in miniature. It owns positions (padded float4/double4 posq with
// atoms reordered) and forces (64-bit fixed point, 3 x padded) in cudaMalloc memory, gathers positions into a
// persistent [N,3] buffer and scatters forces back with the engine-layout kernels (native/kernels/gpu), and calls
// a Java TensorNet on cuda:0 through the C ABI (tn4j_compute_on_device) on its own stream. Each fixture's energy
// and forces are checked against the same model on the CPU (tn4j_compute); --steps N then times N steps.
//
//   cuda_host [--steps N] [--precision float32|float64] FIXTURES_DIR MODEL__INPUT...
//
// Exit status: 0 all PASS, 1 a FAIL, 77 skipped (no CUDA GPU here: the reason is printed; never a pass).

#include <cuda_runtime.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "gpu/EngineLayouts.h"
#include "gpu/EngineLayoutsCuda.h"
#include "tensornet4j/tensornet4j.h"

using json = nlohmann::json;
namespace k = tensornet4j::kernels;

namespace {

constexpr int kSkipped = 77;

struct Options {
    int steps = 0;
    int precision = TN4J_FLOAT32;
    std::string fixtures;
    std::vector<std::string> cases;
};

bool cudaOk(cudaError_t e, const char* what) {
    if (e == cudaSuccess) return true;
    std::printf("FAIL %s: %s\n", what, cudaGetErrorString(e));
    return false;
}

/** Device memory freed at scope exit. */
struct DeviceBuffer {
    void* p = nullptr;
    explicit DeviceBuffer(size_t bytes) { cudaMalloc(&p, bytes); }
    ~DeviceBuffer() { cudaFree(p); }
};

/** The engine's side of one system: OpenMM's layout with a fixed atom permutation (reversed halves). */
struct EngineSystem {
    int n = 0, padded = 0;
    std::vector<int> atomIndex;  // slot -> atom
    std::vector<double> posq;    // padded x 4
};

EngineSystem layout(const std::vector<double>& pos) {
    EngineSystem s;
    s.n = static_cast<int>(pos.size() / 3);
    s.padded = (s.n + 31) / 32 * 32;
    for (int slot = 0; slot < s.n; ++slot) s.atomIndex.push_back(slot % 2 == 0 ? slot / 2 : s.n - 1 - slot / 2);
    s.posq.assign(4 * s.padded, 0.0);
    for (int slot = 0; slot < s.n; ++slot) {
        for (int c = 0; c < 3; ++c) s.posq[4 * slot + c] = pos[3 * s.atomIndex[slot] + c];
        s.posq[4 * slot + 3] = 0.0;  // charge: unused by TensorNet
    }
    return s;
}

std::string configFor(const std::string& checkpoint, const json& ref, const char* device) {
    json c;
    c["checkpoint"] = checkpoint;
    c["atomic_numbers"] = ref["z"];
    if (ref.contains("q") && ref["q"].is_array() && ref["q"].size() == 1) c["charge"] = ref["q"][0];
    c["device"] = device;
    return c.dump();
}

/** One fixture: CUDA through the engine layout vs the CPU. Returns false on a FAIL. */
template <typename R>
bool runCase(const Options& o, const std::string& name) {
    const std::string model = name.substr(0, name.find("__"));
    std::ifstream in(o.fixtures + "/tensornet/" + name + ".json");
    if (!in) {
        std::printf("FAIL %s: no fixture %s/tensornet/%s.json\n", name.c_str(), o.fixtures.c_str(), name.c_str());
        return false;
    }
    json ref = json::parse(in);
    std::vector<double> pos, box;
    for (auto& row : ref["pos"]) for (auto& v : row) pos.push_back(v.get<double>());
    if (!ref["box"].is_null()) for (auto& row : ref["box"]) for (auto& v : row) box.push_back(v.get<double>());
    const std::string checkpoint = o.fixtures + "/tensornet/" + model + ".ckpt";
    const char* label = sizeof(R) == 4 ? "float32" : "float64";

    tn4j_potential* cpu = tn4j_create("org.tensornet4j.TensorNetPotential", configFor(checkpoint, ref, "cpu").c_str());
    tn4j_potential* gpu = tn4j_create("org.tensornet4j.TensorNetPotential", configFor(checkpoint, ref, "cuda:0").c_str());
    if (cpu == nullptr || gpu == nullptr) {
        std::printf("FAIL %s %s: creating the %s potential: %s\n", name.c_str(), label, cpu ? "cuda:0" : "cpu", tn4j_last_error());
        tn4j_release(cpu);
        tn4j_release(gpu);
        return false;
    }
    EngineSystem sys = layout(pos);
    std::vector<double> cpuForces(pos.size());
    double cpuEnergy = 0;
    bool ok = tn4j_compute(cpu, sys.n, pos.data(), box.empty() ? nullptr : box.data(), cpuForces.data(), &cpuEnergy) == 0;
    if (!ok) std::printf("FAIL %s: CPU step: %s\n", name.c_str(), tn4j_last_error());

    std::vector<R> posq(sys.posq.begin(), sys.posq.end()), boxR(box.begin(), box.end());
    DeviceBuffer dPosq(posq.size() * sizeof(R)), dIndex(sys.n * sizeof(int)), dPos(3 * sys.n * sizeof(R)),
        dForces(3 * sys.n * sizeof(R)), dBox(9 * sizeof(R)), dFixed(3 * sys.padded * sizeof(long long));
    cudaStream_t stream = nullptr;
    ok = ok && cudaOk(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking), "stream");
    ok = ok && cudaOk(cudaMemcpy(dPosq.p, posq.data(), posq.size() * sizeof(R), cudaMemcpyHostToDevice), "posq upload");
    ok = ok && cudaOk(cudaMemcpy(dIndex.p, sys.atomIndex.data(), sys.n * sizeof(int), cudaMemcpyHostToDevice), "atomIndex upload");
    if (ok && !box.empty()) ok = cudaOk(cudaMemcpy(dBox.p, boxR.data(), 9 * sizeof(R), cudaMemcpyHostToDevice), "box upload");
    const k::Precision p = sizeof(R) == 4 ? k::Precision::Float32 : k::Precision::Float64;
    const int precision = sizeof(R) == 4 ? TN4J_FLOAT32 : TN4J_FLOAT64;

    // One engine step: gather, potential (energy read back only when asked), scatter into fixed point.
    auto step = [&](double* energy) {
        if (cudaMemsetAsync(dFixed.p, 0, 3 * sys.padded * sizeof(long long), stream) != cudaSuccess) return false;
        int rc = k::launch_gather_positions(sys.n, dPosq.p, p, static_cast<int*>(dIndex.p), 1.0, dPos.p, p, stream);
        if (rc != 0) return std::printf("FAIL gather: %s\n", k::launch_error_string(rc)), false;
        if (tn4j_compute_on_device(gpu, sys.n, precision, dPos.p, box.empty() ? nullptr : dBox.p, dForces.p, 0, energy, 0, stream) != 0) {
            std::printf("FAIL %s %s: tn4j_compute_on_device: %s\n", name.c_str(), label, tn4j_last_error());
            return false;
        }
        rc = k::launch_scatter_forces_fixed_point(sys.n, sys.padded, dForces.p, p, static_cast<int*>(dIndex.p), 1.0, p,
                                                  static_cast<long long*>(dFixed.p), stream);
        if (rc != 0) return std::printf("FAIL scatter: %s\n", k::launch_error_string(rc)), false;
        return true;
    };
    double energy = 0;
    ok = ok && step(&energy);
    std::vector<long long> fixed(3 * sys.padded);
    ok = ok && cudaOk(cudaStreamSynchronize(stream), "step") &&
         cudaOk(cudaMemcpy(fixed.data(), dFixed.p, fixed.size() * sizeof(long long), cudaMemcpyDeviceToHost), "forces download");
    if (ok) {
        double maxForce = 0, maxDiff = 0;
        for (int slot = 0; slot < sys.n; ++slot)
            for (int c = 0; c < 3; ++c) {
                const double want = cpuForces[3 * sys.atomIndex[slot] + c];
                maxForce = std::max(maxForce, std::fabs(want));
                maxDiff = std::max(maxDiff, std::fabs(k::from_fixed_point(fixed[slot + c * sys.padded]) - want));
            }
        // float32 buffers or a float32 model: float rounding over the sums; float64 throughout: near the fixed-point step.
        const bool f64 = sizeof(R) == 8 && ref["dtype"] == "float64";
        const double tol = f64 ? 1e-8 : 2e-4;
        const double eDiff = std::fabs(energy - cpuEnergy) / std::max(1.0, std::fabs(cpuEnergy));
        const double fDiff = maxDiff / std::max(1.0, maxForce);
        ok = eDiff <= tol && fDiff <= tol;
        std::printf("%s parity %s buffers %s: energy rel diff %.2e, forces max rel diff %.2e (tolerance %.0e)\n", ok ? "PASS" : "FAIL",
                    label, name.c_str(), eDiff, fDiff, tol);
    }
    if (ok && o.steps > 0) {
        for (int i = 0; i < 3 && ok; ++i) ok = step(nullptr);  // warm-up
        cudaStreamSynchronize(stream);
        auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < o.steps && ok; ++i) ok = step(i + 1 == o.steps ? &energy : nullptr);
        ok = ok && cudaOk(cudaStreamSynchronize(stream), "timed steps");
        double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / o.steps;
        if (ok) std::printf("TIME %s %s atoms=%d: %.3f ms/step (%d steps, energy read back once)\n", name.c_str(), label, sys.n, ms, o.steps);
    }
    if (stream) cudaStreamDestroy(stream);
    tn4j_release(cpu);
    tn4j_release(gpu);
    return ok;
}

int usage() {
    std::fprintf(stderr, "usage: cuda_host [--steps N] [--precision float32|float64] FIXTURES_DIR MODEL__INPUT...\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    std::vector<std::string> args(argv + 1, argv + argc);
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--steps" && i + 1 < args.size()) o.steps = std::atoi(args[++i].c_str());
        else if (args[i] == "--precision" && i + 1 < args.size()) {
            const std::string v = args[++i];
            if (v != "float32" && v != "float64") return usage();
            o.precision = v == "float32" ? TN4J_FLOAT32 : TN4J_FLOAT64;
        } else if (o.fixtures.empty()) o.fixtures = args[i];
        else o.cases.push_back(args[i]);
    }
    if (o.fixtures.empty() || o.cases.empty()) return usage();
    int devices = 0;
    cudaError_t e = cudaGetDeviceCount(&devices);
    if (e != cudaSuccess || devices == 0) {
        // Without libcuda.so.1 the runtime reports an "insufficient" driver: say what it means here.
        const char* why = e == cudaErrorInsufficientDriver ? "no NVIDIA driver (libcuda.so.1), or one older than this CUDA runtime"
                          : e == cudaSuccess             ? "the driver sees 0 devices"
                                                         : cudaGetErrorString(e);
        std::printf("SKIPPED: no CUDA GPU here (%s); tests/gpu/run runs this host on a GPU machine\n", why);
        return kSkipped;
    }
    int failed = 0;
    for (const std::string& c : o.cases)
        failed += !(o.precision == TN4J_FLOAT32 ? runCase<float>(o, c) : runCase<double>(o, c));
    std::printf("%s: %zu case(s), %d failed\n", failed ? "FAIL" : "PASS", o.cases.size(), failed);
    return failed ? 1 : 0;
}

// Benchmark (not a test): resident memory over many OpenMM steps with TensorNetForce. Prints VmRSS
// after a warm-up of STEPS/2 steps, every tenth of the STEPS timed steps and at the end, and the
// growth from warm-up to end. The warm-up is long because the JVM grows its heap and code cache over
// the first tens of thousands of steps (measured: 373 MiB after 5 000 steps, 497 MiB from 30 000 on,
// then flat): that is start-up, not per-step growth.
//   bench_rss FIXTURE_JSON PLATFORM STEPS [CHECKPOINT]
// Without a checkpoint the force is the Java test potential org.tensornet4j.testing.HarmonicTestPotential
// (tests/java; its classes are found through TN4J_TEST_CLASSES, as for the plugin tests): the same
// bridge and plugin path per step as TensorNet, at a tiny fraction of the cost, so that 100 000 steps
// take minutes.
#include "TensorNetForce.h"
#include "tensornet4j/Host.h"
#include "OpenMMBenchSupport.h"

#include <OpenMM.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {
/** Resident set size of this process in MiB (VmRSS of /proc/self/status). */
double residentMiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    }
    return -1;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: bench_rss FIXTURE_JSON PLATFORM STEPS [CHECKPOINT]\n");
        return 2;
    }
    std::ifstream in(argv[1]);
    nlohmann::json ref = nlohmann::json::parse(in);
    std::string platform = argv[2];
    long steps = std::atol(argv[3]);
    bool harmonic = argc < 5;
    if (harmonic) {
        const char* testClasses = std::getenv("TN4J_TEST_CLASSES");
        if (testClasses == nullptr) {
            std::fprintf(stderr, "bench_rss: without a checkpoint set TN4J_TEST_CLASSES to the compiled tests/java classes\n");
            return 2;
        }
        std::string classPath = tensornet4j::defaultClassPath() + ":" + testClasses;
        setenv("TN4J_CLASSPATH", classPath.c_str(), 1);
    }
    try {
        OpenMM::System system;
        tn4jbench::Molecule molecule = tn4jbench::setUp(ref, system);
        const std::vector<int>& z = molecule.z;
        TensorNetPlugin::TensorNetForce* force;
        if (harmonic) {
            nlohmann::json config = {{"atomic_numbers", z}};
            force = new TensorNetPlugin::TensorNetForce("org.tensornet4j.testing.HarmonicTestPotential", config.dump());
        } else {
            force = new TensorNetPlugin::TensorNetForce(argv[4], z);
        }
        force->setEnergyUnit("kJ/mol");
        system.addForce(force);
        OpenMM::LangevinMiddleIntegrator integrator(300, 1, 0.0005);
        OpenMM::Context context(system, integrator, OpenMM::Platform::getPlatformByName(platform));
        context.setPositions(molecule.positions);
        long warmup = std::max(100L, steps / 2);
        integrator.step(static_cast<int>(warmup));
        double start = residentMiB();
        std::printf("%s, %zu atoms, %s: after %ld warm-up steps RSS %.1f MiB\n", harmonic ? "HarmonicTestPotential" : argv[4],
                    z.size(), platform.c_str(), warmup, start);
        auto t0 = std::chrono::steady_clock::now();
        long done = 0;
        for (int part = 1; part <= 10; part++) {
            long target = steps * part / 10;
            integrator.step(static_cast<int>(target - done));
            done = target;
            std::printf("  step %ld: RSS %.1f MiB\n", done, residentMiB());
            std::fflush(stdout);
        }
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        double end = residentMiB();
        std::printf("RSS growth over %ld steps after warm-up: %.1f -> %.1f MiB (%+.2f %%), %.1f us/step\n", steps, start, end,
                    100.0 * (end - start) / start, seconds / steps * 1e6);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_rss: %s\n", e.what());
        return 1;
    }
    return 0;
}

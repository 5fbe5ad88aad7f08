// Benchmark (not a test): OpenMM steps with TensorNetForce on a platform, split into time inside the
// Java potential (measured by Java around the potential, read through the bridge after every step)
// and the rest: bridge + plugin + OpenMM integrator. The same steps of the same particles without
// any force, timed in the same process, give OpenMM's own share of the rest; what remains after
// subtracting it is the bridge + plugin overhead. CHECKPOINT may be class:NAME, a Java potential of the
// general form configured with the molecule's atomic numbers (e.g. the tests' harmonic potential): with
// a potential that costs almost nothing, the model's cache evictions do not slow OpenMM's own step, and
// the remainder minus OpenMM's step is the bridge and the plugin alone.
//   bench_openmm CHECKPOINT|class:NAME FIXTURE_JSON PLATFORM [steps]
#include "TensorNetForce.h"
#include "internal/PotentialStep.h"
#include "tensornet4j/Host.h"
#include "OpenMMBenchSupport.h"

#include <OpenMM.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double minimum(const std::vector<double>& v) {
    return *std::min_element(v.begin(), v.end());
}

/** Microseconds per integrator.step(1) of these particles with no force at all: OpenMM's own step. */
std::vector<double> stepsWithoutForces(const tn4jbench::Molecule& molecule, const std::string& platform, int steps) {
    OpenMM::System system;
    tn4jbench::addParticles(system, molecule);
    OpenMM::LangevinMiddleIntegrator integrator(300, 1, 0.0005);
    OpenMM::Context context(system, integrator, OpenMM::Platform::getPlatformByName(platform));
    context.setPositions(molecule.positions);
    integrator.step(10);
    std::vector<double> times;
    for (int i = 0; i < steps; i++) {
        auto t0 = std::chrono::steady_clock::now();
        integrator.step(1);
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() * 1e6);
    }
    return times;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: bench_openmm CHECKPOINT|class:NAME FIXTURE_JSON PLATFORM [steps]\n");
        return 2;
    }
    std::string checkpoint = argv[1];
    std::ifstream in(argv[2]);
    nlohmann::json ref = nlohmann::json::parse(in);
    int steps = argc > 4 ? std::atoi(argv[4]) : 100;
    try {
        OpenMM::System system;
        tn4jbench::Molecule molecule = tn4jbench::setUp(ref, system);
        const std::vector<int>& z = molecule.z;
        const std::string classPrefix = "class:";
        auto* force = checkpoint.rfind(classPrefix, 0) == 0
                ? new TensorNetPlugin::TensorNetForce(checkpoint.substr(classPrefix.size()),
                                                      nlohmann::json{{"atomic_numbers", z}}.dump())
                : new TensorNetPlugin::TensorNetForce(checkpoint, z);
        force->setEnergyUnit("kJ/mol");
        system.addForce(force);
        OpenMM::LangevinMiddleIntegrator integrator(300, 1, 0.0005);
        OpenMM::Context context(system, integrator, OpenMM::Platform::getPlatformByName(argv[3]));
        context.setPositions(molecule.positions);
        integrator.step(10);
        std::vector<double> step, inside, rest, bridgeAndPlugin;
        for (int i = 0; i < steps; i++) {
            auto before = tensornet4j::totalBridgeTiming();
            auto pluginBefore = TensorNetPlugin::PotentialStep::totalTiming();
            auto t0 = std::chrono::steady_clock::now();
            integrator.step(1);
            double us = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() * 1e6;
            double java = (tensornet4j::totalBridgeTiming().potentialSeconds - before.potentialSeconds) * 1e6;
            double plugin = (TensorNetPlugin::PotentialStep::totalTiming().seconds - pluginBefore.seconds) * 1e6;
            step.push_back(us);
            inside.push_back(java);
            rest.push_back(us - java);
            bridgeAndPlugin.push_back(plugin - java);
        }
        std::vector<double> bare = stepsWithoutForces(molecule, argv[3], steps);
        std::printf("%zu atoms, %s, %d steps: step median %.0f us (min %.0f), inside Java median %.0f us, "
                    "remainder (bridge + plugin + OpenMM) median %.1f us (min %.1f)\n",
                    z.size(), argv[3], steps, median(step), minimum(step), median(inside), median(rest), minimum(rest));
        std::printf("  OpenMM step without forces median %.1f us (min %.1f); bridge + plugin = remainder - that: "
                    "median %.1f us, min %.1f us\n",
                    median(bare), minimum(bare), median(rest) - median(bare), minimum(rest) - minimum(bare));
        std::printf("  measured inside the plugin: bridge + plugin (plugin's time in the step minus Java's) median %.2f us,"
                    " min %.2f us\n", median(bridgeAndPlugin), minimum(bridgeAndPlugin));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_openmm: %s\n", e.what());
        return 1;
    }
    return 0;
}

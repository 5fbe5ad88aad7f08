// Benchmark (not a test): OpenMM steps with TensorNetForce on a platform, split into time inside the
// Java potential (measured by Java around the potential, read through the bridge after every step)
// and the rest: bridge + plugin + OpenMM integrator.
//   bench_openmm CHECKPOINT FIXTURE_JSON PLATFORM [steps]
#include "TensorNetForce.h"
#include "tensornet4j/Host.h"

#include <OpenMM.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <vector>

namespace {
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: bench_openmm CHECKPOINT FIXTURE_JSON PLATFORM [steps]\n");
        return 2;
    }
    std::string checkpoint = argv[1];
    std::ifstream in(argv[2]);
    nlohmann::json ref = nlohmann::json::parse(in);
    int steps = argc > 4 ? std::atoi(argv[4]) : 100;
    try {
        OpenMM::Platform::loadPluginsFromDirectory(OpenMM::Platform::getDefaultPluginsDirectory());
        OpenMM::Platform::loadPluginsFromDirectory(TN4J_PLUGIN_DIR);
        std::vector<int> z;
        std::vector<OpenMM::Vec3> pos;
        for (auto& v : ref["z"]) z.push_back(v.get<int>());
        for (auto& row : ref["pos"]) {
            pos.emplace_back(row[0].get<double>() * 0.1, row[1].get<double>() * 0.1, row[2].get<double>() * 0.1);
        }
        OpenMM::System system;
        for (int zi : z) system.addParticle(zi == 1 ? 1.008 : 12.0);
        auto* force = new TensorNetPlugin::TensorNetForce(checkpoint, z);
        force->setEnergyUnit("kJ/mol");
        system.addForce(force);
        OpenMM::LangevinMiddleIntegrator integrator(300, 1, 0.0005);
        OpenMM::Context context(system, integrator, OpenMM::Platform::getPlatformByName(argv[3]));
        context.setPositions(pos);
        integrator.step(10);
        std::vector<double> step, inside, rest;
        for (int i = 0; i < steps; i++) {
            auto before = tensornet4j::totalBridgeTiming();
            auto t0 = std::chrono::steady_clock::now();
            integrator.step(1);
            double us = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() * 1e6;
            double java = (tensornet4j::totalBridgeTiming().potentialSeconds - before.potentialSeconds) * 1e6;
            step.push_back(us);
            inside.push_back(java);
            rest.push_back(us - java);
        }
        std::printf("%zu atoms, %s, %d steps: step median %.0f us (min %.0f), inside Java median %.0f us, "
                    "remainder (bridge + plugin + OpenMM) median %.1f us (min %.1f)\n",
                    z.size(), argv[3], steps, median(step), *std::min_element(step.begin(), step.end()), median(inside),
                    median(rest), *std::min_element(rest.begin(), rest.end()));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_openmm: %s\n", e.what());
        return 1;
    }
    return 0;
}

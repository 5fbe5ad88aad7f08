// Benchmark (not a test): the cost of the C++ -> Java bridge per step. Calls a Java potential through
// tensornet4j::JavaPotential many times and splits the time into "inside the Java potential" (measured
// by Java) and the rest (JNI transition, zero-copy wrapping, PointerScope). Prints medians over repeats.
//   bench_bridge CHECKPOINT FIXTURE_JSON [steps]
// CHECKPOINT may instead be class:NAME for any Java Potential class with a fromConfig (e.g.
// class:org.tensornet4j.testing.HarmonicTestPotential from tests/java, on TN4J_CLASSPATH): a potential
// that costs next to nothing isolates the bridge's own share.
#include "tensornet4j/Host.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_bridge CHECKPOINT FIXTURE_JSON [steps]\n");
        return 2;
    }
    int steps = argc > 3 ? std::atoi(argv[3]) : 200;
    std::ifstream in(argv[2]);
    nlohmann::json ref = nlohmann::json::parse(in);
    std::string target = argv[1];
    bool general = target.rfind("class:", 0) == 0;
    std::string className = general ? target.substr(6) : "org.tensornet4j.TensorNetPotential";
    nlohmann::json config = {{"atomic_numbers", ref["z"]}};
    if (!general) config["checkpoint"] = target;
    std::vector<double> pos;
    for (auto& row : ref["pos"]) for (auto& v : row) pos.push_back(v.get<double>());
    int n = static_cast<int>(ref["z"].size());
    std::vector<double> forces(3 * n);
    try {
        tensornet4j::JavaPotential potential(className, config.dump());
        for (int i = 0; i < 20; i++) potential.compute(n, pos.data(), nullptr, forces.data());
        std::vector<double> total, outside;
        for (int i = 0; i < steps; i++) {
            auto before = potential.timing();
            auto t0 = std::chrono::steady_clock::now();
            potential.compute(n, pos.data(), nullptr, forces.data());
            auto t1 = std::chrono::steady_clock::now();
            auto after = potential.timing();
            double seconds = std::chrono::duration<double>(t1 - t0).count();
            total.push_back(seconds * 1e6);
            outside.push_back((seconds - (after.potentialSeconds - before.potentialSeconds)) * 1e6);
        }
        auto median = [](std::vector<double> v) { std::sort(v.begin(), v.end()); return v[v.size() / 2]; };
        auto minimum = [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); };
        std::printf("atoms %d, %d steps: total median %.1f us (min %.1f), outside the Java potential median %.2f us (min %.2f)\n",
                    n, steps, median(total), minimum(total), median(outside), minimum(outside));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_bridge: %s\n", e.what());
        return 1;
    }
    return 0;
}

// Two Contexts on two threads, each with its own Java potential, compute identical results.
#include "PluginTestSupport.h"

#include <thread>

namespace tn4jtest {

int runThreads(const std::string& platform) {
    Fixture fixture = loadFixture("tn-small", "alanine_dipeptide");
    std::vector<Evaluation> results(2);
    std::vector<std::string> errors(2);
    std::vector<std::thread> workers;
    for (int t = 0; t < 2; t++) {
        workers.emplace_back([&, t] {
            errors[t] = errorOf([&] {
                auto system = systemFor(fixture, forceFor(fixture, "eV"));
                auto simulation = simulate(*system, platform, false);
                simulation->context->setPositions(fixture.positions);
                for (int step = 0; step < 5; step++) results[t] = evaluate(*simulation->context);
            });
        });
    }
    for (auto& worker : workers) worker.join();
    check(errors[0].empty() && errors[1].empty(), platform + ": both threads ran (" + errors[0] + errors[1] + ")");
    bool identical = results[0].energy == results[1].energy && results[0].energy != 0;
    for (size_t i = 0; identical && i < results[0].forces.size(); i++) {
        for (int k = 0; k < 3; k++) identical = identical && results[0].forces[i][k] == results[1].forces[i][k];
    }
    check(identical, platform + ": two Contexts on two threads give identical energies and forces");
    return exitCode();
}

}  // namespace tn4jtest

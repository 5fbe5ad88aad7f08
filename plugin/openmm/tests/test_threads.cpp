// Two Contexts on two threads, each with its own Java potential, compute identical results.
// The Contexts are created one after the other: OpenMM 7.7's CPU platform crashed now and then
// (SIGSEGV in ThreadPool::execute) when two threads created CPU Contexts at the same moment; the
// concurrency under test is the stepping, where each thread calls into its own Java potential.
#include "PluginTestSupport.h"

#include <thread>

namespace tn4jtest {

int runThreads(const std::string& platform) {
    Fixture fixture = loadFixture("tn-small", "alanine_dipeptide");
    std::vector<Evaluation> results(2);
    std::vector<std::string> errors(2);
    std::vector<std::unique_ptr<OpenMM::System>> systems;
    std::vector<std::unique_ptr<Simulation>> simulations;
    for (int t = 0; t < 2; t++) {
        systems.push_back(systemFor(fixture, forceFor(fixture, "eV")));
        simulations.push_back(simulate(*systems.back(), platform, false));
    }
    std::vector<std::thread> workers;
    for (int t = 0; t < 2; t++) {
        workers.emplace_back([&, t] {
            errors[t] = errorOf([&] {
                simulations[t]->context->setPositions(fixture.positions);
                for (int step = 0; step < 5; step++) results[t] = evaluate(*simulations[t]->context);
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

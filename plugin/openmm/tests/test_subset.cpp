// ML/MM: a TensorNetForce on a subset of the particles, next to an ordinary OpenMM force on all of them.
// The subset gets the fixture's energy and forces, every other particle gets nothing from it, and the
// two forces add up (the kernels add to OpenMM's forces, never overwrite them).
#include "PluginTestSupport.h"

#include <algorithm>
#include <cmath>

using OpenMM::Vec3;

namespace tn4jtest {

int runSubset(const std::string& platform) {
    Fixture fixture = loadFixture("tn-small", "alanine_dipeptide");
    const int extra = 5;
    int n = static_cast<int>(fixture.z.size());
    int total = n + extra;

    // Fixture atom i sits at System index particles[i]: reversed and shifted past the extra particles.
    std::vector<int> particles(n);
    for (int i = 0; i < n; i++) particles[i] = total - 1 - i;
    std::vector<Vec3> positions(total);
    for (int i = 0; i < extra; i++) positions[i] = Vec3(2.0 + 0.3 * i, -1.0, 0.5);  // MM particles, outside the model
    for (int i = 0; i < n; i++) positions[particles[i]] = fixture.positions[i];

    OpenMM::System system;
    for (int i = 0; i < total; i++) system.addParticle(12.0);
    auto* tensorNet = new TensorNetPlugin::TensorNetForce(fixture.checkpoint(), fixture.z);
    tensorNet->setEnergyUnit("kJ/mol");
    tensorNet->setParticles(particles);
    system.addForce(tensorNet);
    auto* restraint = new OpenMM::CustomExternalForce("0.5*(x^2+y^2+z^2)");  // F = -r on every particle
    for (int i = 0; i < total; i++) restraint->addParticle(i, std::vector<double>());
    system.addForce(restraint);

    auto simulation = simulate(system, platform, false);
    simulation->context->setPositions(positions);
    Evaluation result = evaluate(*simulation->context);

    double restraintEnergy = 0;
    for (const Vec3& r : positions) restraintEnergy += 0.5 * r.dot(r);
    double modelEnergy = result.energy - restraintEnergy;
    check(std::fabs(modelEnergy - fixture.energy) <= 1e-5 * std::max(1.0, std::fabs(fixture.energy)),
          platform + ": subset energy " + std::to_string(modelEnergy) + " vs fixture " + std::to_string(fixture.energy));

    double worstSubset = 0, worstOthers = 0, maxF = 0;
    for (int i = 0; i < n; i++) {
        Vec3 model = (result.forces[particles[i]] + positions[particles[i]]) * 0.1;  // remove F = -r, then per Angstrom
        for (int k = 0; k < 3; k++) {
            maxF = std::max(maxF, std::fabs(fixture.forces[i][k]));
            worstSubset = std::max(worstSubset, std::fabs(model[k] - fixture.forces[i][k]));
        }
    }
    for (int i = 0; i < extra; i++) {
        Vec3 fromTensorNet = result.forces[i] + positions[i];
        // single precision on OpenCL: the sum of the two forces is rounded to float
        for (int k = 0; k < 3; k++) worstOthers = std::max(worstOthers, std::fabs(fromTensorNet[k]));
    }
    check(worstSubset <= 1e-4 * std::max(1.0, maxF), platform + ": subset forces match the fixture (reordered, shifted), max|dF| " +
                                                         std::to_string(worstSubset));
    check(worstOthers <= 1e-6, platform + ": particles outside the subset get no force from TensorNetForce (max " + std::to_string(worstOthers) + ")");
    return exitCode();
}

}  // namespace tn4jtest

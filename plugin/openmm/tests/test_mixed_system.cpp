// ML/MM through the C++ API (MechanicalEmbedding.h), the route C++ hosts and Java take: the fixture's
// alanine dipeptide on the model next to three MM particles, with a bonded term inside the ML region, one
// across the boundary and one among the MM particles, and Coulomb and Lennard-Jones between all (no
// cutoff). The mixed energy must be the classical energy, minus the ML region's internal classical terms
// (computed here from their formulas), plus the fixture's TorchMD-Net energy; bad selections are refused.
// The solvated (PME) case and interpolation are tested through Python (tests/python/test_mixed_system.py).
#include "MechanicalEmbedding.h"
#include "PluginTestSupport.h"

#include "openmm/HarmonicBondForce.h"
#include "openmm/NonbondedForce.h"

#include <cmath>

using OpenMM::Vec3;

namespace tn4jtest {
namespace {

const double ONE_4PI_EPS0 = 138.935456;  // kJ/mol nm / e^2

double charge(int i) { return 0.1 * ((i % 5) - 2); }
double sigma(int i) { return 0.05 + 0.005 * (i % 3); }  // small: no huge repulsion between bonded atoms
double epsilon(int i) { return 0.2 + 0.05 * (i % 4); }

double classicalEnergy(OpenMM::System& system, const std::vector<Vec3>& positions) {
    auto simulation = simulate(system, "Reference", false);
    simulation->context->setPositions(positions);
    return evaluate(*simulation->context).energy;
}

}  // namespace

int runMixedSystem() {
    Fixture fixture = loadFixture("tn-small", "alanine_dipeptide");
    const int n = static_cast<int>(fixture.z.size()), total = n + 3;
    std::vector<Vec3> positions = fixture.positions;
    for (int i = 0; i < 3; i++) positions.push_back(Vec3(1.2 + 0.3 * i, 0.2, -0.1));
    std::vector<int> ml;
    for (int i = 0; i < n; i++) ml.push_back(i);

    OpenMM::System system;
    for (int i = 0; i < total; i++) system.addParticle(12.0);
    auto* bonds = new OpenMM::HarmonicBondForce();
    bonds->addBond(0, 1, 0.15, 1000.0);      // inside the ML region: removed
    bonds->addBond(1, n, 0.9, 50.0);         // across the boundary: kept
    bonds->addBond(n, n + 1, 0.3, 200.0);    // MM: kept
    system.addForce(bonds);
    auto* nonbonded = new OpenMM::NonbondedForce();
    for (int i = 0; i < total; i++) nonbonded->addParticle(charge(i), sigma(i), epsilon(i));
    system.addForce(nonbonded);
    system.addConstraint(2, 3, 0.11);        // inside the ML region: removed

    TensorNetPlugin::TensorNetForce mlForce(fixture.checkpoint(), fixture.z);
    mlForce.setEnergyUnit("kJ/mol");         // the fixture's energy is in model units
    std::unique_ptr<OpenMM::System> mixed(TensorNetPlugin::createMixedSystem(system, ml, mlForce));

    const Vec3 d01 = positions[1] - positions[0];
    double internal = 0.5 * 1000.0 * std::pow(std::sqrt(d01.dot(d01)) - 0.15, 2);  // the removed bond
    for (int a = 0; a < n; a++) {
        for (int b = 0; b < a; b++) {
            const Vec3 d = positions[a] - positions[b];
            const double r = std::sqrt(d.dot(d)), s = 0.5 * (sigma(a) + sigma(b)), e = std::sqrt(epsilon(a) * epsilon(b));
            internal += ONE_4PI_EPS0 * charge(a) * charge(b) / r + 4 * e * (std::pow(s / r, 12) - std::pow(s / r, 6));
        }
    }
    const double classical = classicalEnergy(system, positions);
    const double expected = classical - internal + fixture.energy;
    const double actual = classicalEnergy(*mixed, positions);
    check(std::fabs(actual - expected) <= 1e-5 * std::max(1.0, std::fabs(fixture.energy)) + 1e-6,
          "mixed energy " + std::to_string(actual) + " = classical " + std::to_string(classical) + " - ML region's classical " +
              std::to_string(internal) + " + ML " + std::to_string(fixture.energy));
    check(system.getNumConstraints() == 1 && mixed->getNumConstraints() == 0, "the ML constraint is removed, the input keeps it");
    check(nonbonded->getNumExceptions() == 0, "the input System is not changed");

    const std::string outOfRange = errorOf([&] { delete TensorNetPlugin::createMixedSystem(system, {0, total}, mlForce); });
    check(contains(outOfRange, "ML atom index " + std::to_string(total) + " is out of range"), "out of range: " + outOfRange);
    const std::string duplicate = errorOf([&] { delete TensorNetPlugin::createMixedSystem(system, {1, 2, 1}, mlForce); });
    check(contains(duplicate, "ML atom index 1 is selected more than once"), "duplicate: " + duplicate);
    const std::string empty = errorOf([&] { delete TensorNetPlugin::createMixedSystem(system, {}, mlForce); });
    check(contains(empty, "the ML atom selection is empty"), "empty: " + empty);
    const std::string count = errorOf([&] { delete TensorNetPlugin::createMixedSystem(system, {0, 1}, mlForce); });
    check(contains(count, "has " + std::to_string(n) + " atomic numbers but 2 ML atoms"), "atomic numbers: " + count);
    return exitCode();
}

}  // namespace tn4jtest

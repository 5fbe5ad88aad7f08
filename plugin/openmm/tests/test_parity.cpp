// Energies and forces through OpenMM equal TorchMD-Net's (the fixtures) after unit conversion, and
// OpenMM's forces equal central finite differences of OpenMM's energy.
#include "PluginTestSupport.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

using OpenMM::Vec3;

namespace tn4jtest {
namespace {

struct Unit {
    const char* name;
    double kilojoules;
};

/** Different units per model so the conversion is exercised, not just the identity. */
Unit unitFor(const Fixture& fixture) {
    return fixture.float64 ? Unit{"kcal/mol", KJ_PER_KCAL} : Unit{"eV", KJ_PER_EV};
}

std::string format(double value) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.3g", value);
    return text;
}

void parity(const std::string& platform, const std::string& model, const std::string& input) {
    Fixture fixture = loadFixture(model, input);
    Unit unit = unitFor(fixture);
    auto system = systemFor(fixture, forceFor(fixture, unit.name));
    auto simulation = simulate(*system, platform, fixture.float64);
    simulation->context->setPositions(fixture.positions);
    Evaluation result = evaluate(*simulation->context);

    double energy = result.energy / unit.kilojoules;
    double dE = std::fabs(energy - fixture.energy);
    double maxF = 0, dF = 0;
    for (size_t i = 0; i < fixture.forces.size(); i++) {
        Vec3 model = result.forces[i] * (0.1 / unit.kilojoules);  // kJ/mol/nm -> unit/Angstrom
        for (int k = 0; k < 3; k++) {
            maxF = std::max(maxF, std::fabs(fixture.forces[i][k]));
            dF = std::max(dF, std::fabs(model[k] - fixture.forces[i][k]));
        }
    }
    std::string where = platform + " " + fixture.name() + " (" + unit.name + ")";
    check(dE <= fixture.energyTolerance() * std::max(1.0, std::fabs(fixture.energy)),
          where + ": energy " + std::to_string(energy) + " vs " + std::to_string(fixture.energy) + ", max|dE| " + format(dE));
    check(dF <= fixture.forceTolerance() * std::max(1.0, maxF), where + ": max|dF| " + format(dF) + " (max|F| " + format(maxF) + ")");
}

/** OpenMM's energy at the given positions, kJ/mol. */
double energyAt(OpenMM::Context& context, const std::vector<Vec3>& positions) {
    context.setPositions(positions);
    return context.getState(OpenMM::State::Energy).getPotentialEnergy();
}

/**
 * Central differences with the float64 model (float32 energies are too noisy): every component of
 * `atomsToProbe` atoms, and the derivative along one direction that moves every atom, which checks
 * all forces at once for two extra evaluations (used alone for the large periodic system).
 */
void finiteDifferences(const std::string& platform, const std::string& input, int atomsToProbe) {
    Fixture fixture = loadFixture("tn-f64", input);
    auto system = systemFor(fixture, forceFor(fixture, "kcal/mol"));
    auto simulation = simulate(*system, platform, true);
    OpenMM::Context& context = *simulation->context;
    context.setPositions(fixture.positions);
    Evaluation base = evaluate(context);
    double maxF = 0;
    for (const Vec3& f : base.forces) maxF = std::max({maxF, std::fabs(f[0]), std::fabs(f[1]), std::fabs(f[2])});

    const double h = 1e-5;  // nm
    int n = static_cast<int>(fixture.z.size());
    double worst = 0;
    for (int probe = 0; probe < atomsToProbe; probe++) {
        int atom = probe * (n - 1) / std::max(1, atomsToProbe - 1);
        for (int k = 0; k < 3; k++) {
            std::vector<Vec3> plus = fixture.positions, minus = fixture.positions;
            plus[atom][k] += h;
            minus[atom][k] -= h;
            double derivative = (energyAt(context, plus) - energyAt(context, minus)) / (2 * h);
            worst = std::max(worst, std::fabs(-derivative - base.forces[atom][k]));
        }
    }
    if (atomsToProbe > 0) {
        check(worst <= 1e-6 * std::max(1.0, maxF), platform + " tn-f64/" + input + ": forces of " + std::to_string(atomsToProbe) +
                                                       " atoms = -dE/dx by central differences, max deviation " + format(worst) +
                                                       " kJ/mol/nm (max|F| " + format(maxF) + ")");
    }

    std::vector<Vec3> plus = fixture.positions, minus = fixture.positions;
    double expected = 0, scale = 0;
    for (int i = 0; i < n; i++) {
        Vec3 direction(std::sin(1.0 + i), std::cos(2.0 + 3 * i), std::sin(0.5 * i - 1));  // fixed, spread over all atoms
        plus[i] += direction * h;
        minus[i] -= direction * h;
        expected -= base.forces[i].dot(direction);
        for (int k = 0; k < 3; k++) scale += std::fabs(base.forces[i][k] * direction[k]);
    }
    double directional = (energyAt(context, plus) - energyAt(context, minus)) / (2 * h);
    check(std::fabs(directional - expected) <= 1e-6 * std::max(1.0, scale),
          platform + " tn-f64/" + input + ": dE along a direction moving every atom = -F.d, deviation " + format(std::fabs(directional - expected)) +
              " (|-F.d| " + format(std::fabs(expected)) + ")");
}

}  // namespace

int runParity(const std::string& platform) {
    for (const char* model : {"tn-small", "tn-f64"}) {
        for (const char* input : {"caffeine", "alanine_dipeptide", "alanine_dipeptide_explicit_pbc"}) parity(platform, model, input);
    }
    return exitCode();
}

int runFiniteDifferences(const std::string& platform) {
    finiteDifferences(platform, "caffeine", 3);
    finiteDifferences(platform, "alanine_dipeptide", 3);
    if (platform == "Reference") finiteDifferences(platform, "alanine_dipeptide_explicit_pbc", 0);  // ~10 s per evaluation
    return exitCode();
}

}  // namespace tn4jtest

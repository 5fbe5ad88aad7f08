// The general form (any Java Potential class + JSON config) with global parameters and charge, through
// a test potential with a closed form (tests/java: E = k/2 sum |r|^2 + charge, r in Angstrom).
#include "PluginTestSupport.h"

#include <cmath>

using OpenMM::Vec3;

namespace tn4jtest {

int runGeneralForm(const std::string& platform) {
    std::vector<Vec3> positions = {Vec3(0.1, 0.2, -0.3), Vec3(-0.25, 0.05, 0.15), Vec3(0.3, -0.1, 0.0)};  // nm
    auto* force = new TensorNetPlugin::TensorNetForce("org.tensornet4j.testing.HarmonicTestPotential", "{\"atomic_numbers\": [8, 1, 1]}");
    force->setEnergyUnit("kcal/mol");
    force->setCharge(2.0);
    force->addGlobalParameter("k", 1.5);
    check(force->getAtomicNumbers() == std::vector<int>({8, 1, 1}), "atomic numbers are read from the config");
    OpenMM::System system;
    for (int i = 0; i < 3; i++) system.addParticle(1.0);
    system.addForce(force);
    auto simulation = simulate(system, platform, true);
    OpenMM::Context& context = *simulation->context;
    context.setPositions(positions);

    double sumSquares = 0;  // Angstrom^2
    for (const Vec3& r : positions) sumSquares += (r * 10).dot(r * 10);
    for (double k : {1.5, 4.0}) {
        context.setParameter("k", k);
        Evaluation result = evaluate(context);
        double expected = (0.5 * k * sumSquares + 2.0) * KJ_PER_KCAL;
        check(std::fabs(result.energy - expected) <= 1e-9 * expected,
              platform + ": k = " + std::to_string(k) + " and the charge reach Java: E = " + std::to_string(result.energy) + " kJ/mol");
        double worst = 0;
        for (int i = 0; i < 3; i++) {
            Vec3 expectedForce = positions[i] * (-k * 10 * KJ_PER_KCAL * 10);  // -k r (kcal/mol/A) in kJ/mol/nm
            for (int c = 0; c < 3; c++) worst = std::max(worst, std::fabs(result.forces[i][c] - expectedForce[c]));
        }
        check(worst <= 1e-9 * 100, platform + ": forces -k r converted to kJ/mol/nm (max deviation " + std::to_string(worst) + ")");
    }
    return exitCode();
}

}  // namespace tn4jtest

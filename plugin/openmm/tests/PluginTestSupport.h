#ifndef TN4J_TESTS_PLUGIN_TEST_SUPPORT_H_
#define TN4J_TESTS_PLUGIN_TEST_SUPPORT_H_

// Shared pieces of the OpenMM plugin tests: TorchMD-Net fixtures in OpenMM units, plugin loading,
// Contexts on a named platform, and pass/fail bookkeeping.

#include "TensorNetForce.h"

#include "OpenMM.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tn4jtest {

/** kJ/mol per unit, written out here (not taken from the plugin) so the tests check its conversions. */
const double KJ_PER_EV = 96.48533212331002;
const double KJ_PER_KCAL = 4.184;

/** A reference fixture (tests/fixtures/tensornet/<model>__<input>.json) with positions and box in nm. */
struct Fixture {
    std::string model;
    std::string input;
    std::vector<int> z;
    std::vector<OpenMM::Vec3> positions;  // nm
    bool periodic = false;
    OpenMM::Vec3 box[3];                  // nm
    double energy = 0;                    // model unit
    std::vector<OpenMM::Vec3> forces;     // model unit per Angstrom
    bool float64 = false;

    std::string checkpoint() const;
    std::string name() const { return model + "/" + input; }
    /** DESIGN.md's parity tolerances: relative to max(1, |E|) and max(1, max|F|). */
    double energyTolerance() const { return float64 ? 1e-9 : 1e-5; }
    double forceTolerance() const { return float64 ? 1e-9 : 1e-4; }
};

Fixture loadFixture(const std::string& model, const std::string& input);
std::string fixturePath(const std::string& file);

/** OpenMM's own plugins, then the TensorNet kernels from the build tree. */
void loadPlugins();
bool hasPlatform(const std::string& name);

/** A TensorNetForce for the fixture (owned by the caller until added to a System). */
TensorNetPlugin::TensorNetForce* forceFor(const Fixture& fixture, const std::string& energyUnit);

/** One particle per fixture atom (mass 12), the fixture's box, and the given force. */
std::unique_ptr<OpenMM::System> systemFor(const Fixture& fixture, OpenMM::Force* force);

/** A Context with its integrator. OpenCL runs in double precision for float64 models. */
struct Simulation {
    OpenMM::VerletIntegrator integrator{0.0005};
    std::unique_ptr<OpenMM::Context> context;
};
std::unique_ptr<Simulation> simulate(OpenMM::System& system, const std::string& platform, bool doublePrecision);

struct Evaluation {
    double energy;                      // kJ/mol
    std::vector<OpenMM::Vec3> forces;   // kJ/mol/nm
};
Evaluation evaluate(OpenMM::Context& context);

/** The message of the OpenMMException the call throws ("" if it throws none). */
std::string errorOf(const std::function<void()>& call);
bool contains(const std::string& text, const std::string& part);

/** Records and prints one check. */
void check(bool ok, const std::string& what);
/** 0 if every check passed. */
int exitCode();

}  // namespace tn4jtest

#endif

// Every user error is an OpenMMException that names the problem, raised at Context creation for
// settings and at the step for Java failures; the Context and the host survive all of them.
#include "PluginTestSupport.h"

#include <cmath>

using OpenMM::Vec3;
using TensorNetPlugin::TensorNetForce;

namespace tn4jtest {
namespace {

/** The message of creating a Reference Context for the fixture with the force as configured by `configure`. */
std::string contextError(const Fixture& fixture, const std::function<void(TensorNetForce&)>& configure) {
    TensorNetForce* force = forceFor(fixture, "eV");
    configure(*force);
    auto system = systemFor(fixture, force);
    return errorOf([&] { simulate(*system, "Reference", false); });
}

/** The fixture's system with the force on Reference: the message of the error it raises ("" if none) and the energy (kJ/mol). */
std::string energyOrError(const Fixture& fixture, TensorNetForce* force, double& energy) {
    auto system = systemFor(fixture, force);
    auto simulation = simulate(*system, "Reference", true);
    simulation->context->setPositions(fixture.positions);
    return errorOf([&] { energy = evaluate(*simulation->context).energy; });
}

void report(bool ok, const std::string& what, const std::string& message) {
    check(ok, what + ": \"" + message + "\"");
}

}  // namespace

int runSettingErrors() {
    Fixture fixture = loadFixture("tn-small", "caffeine");
    std::string message = contextError(fixture, [](TensorNetForce& f) { f.setEnergyUnit(""); });
    report(contains(message, "energy unit") && contains(message, "setEnergyUnit"), "missing energy unit names the setting", message);
    message = contextError(fixture, [](TensorNetForce& f) { f.setEnergyUnit("furlong/fortnight"); });
    report(contains(message, "energy unit") && contains(message, "furlong/fortnight") && contains(message, "kcal/mol"),
           "unknown energy unit names the setting, the value and the choices", message);

    TensorNetForce missing("/nonexistent/model.ckpt", fixture.z);
    missing.setEnergyUnit("eV");
    message = contextError(fixture, [&](TensorNetForce& f) { f = missing; });
    report(contains(message, "/nonexistent/model.ckpt"), "missing checkpoint fails at Context creation, naming the file", message);

    message = contextError(fixture, [&](TensorNetForce& f) { f = TensorNetForce(fixturePath("tn-small__caffeine.json"), fixture.z); f.setEnergyUnit("eV"); });
    report(!message.empty() && contains(message, "tn-small__caffeine.json"), "unreadable checkpoint (not a checkpoint) fails, naming the file", message);

    message = contextError(fixture, [](TensorNetForce& f) { f.setAtomicNumbers({6, 1}); });
    report(contains(message, "atomic numbers"), "atomic numbers / particles mismatch", message);
    message = contextError(fixture, [](TensorNetForce& f) { f.setParticles({0, 1, 1000}); });
    report(contains(message, "1000") && contains(message, "out of range"), "subset index out of range", message);
    message = contextError(fixture, [&](TensorNetForce& f) { f = TensorNetForce("org.example.NoSuchPotential", "{}"); f.setAtomicNumbers(fixture.z); f.setEnergyUnit("eV"); });
    report(contains(message, "org.example.NoSuchPotential") && contains(message, "not found"), "unknown Java class", message);
    message = errorOf([] { TensorNetForce("org.example.Any", "{not json"); });
    report(contains(message, "not valid JSON") && contains(message, "not valid JSON (parse error at line 1, column 3"),
           "malformed JSON is reported as a syntax error with its position", message);
    message = errorOf([] { TensorNetForce("org.example.Any", "[1, 2]"); });
    report(contains(message, "must be a JSON object such as") && contains(message, "got a JSON array"),
           "valid JSON that is not an object", message);
    message = errorOf([] { TensorNetForce("org.example.Any", "{\"atomic_numbers\": [8, \"1\", 1]}"); });
    report(contains(message, "atomic_numbers[1] must be a JSON integer, got a JSON string"), "an atomic number given as a string", message);
    message = contextError(fixture, [](TensorNetForce& f) { f.setHyperParameter("no_such_key", "1"); });
    report(contains(message, "unknown hyper-parameter 'no_such_key'") && contains(message, "max_num_neighbors") && contains(message, "precision"),
           "an unknown hyper-parameter override names the key and lists the ones the model reads", message);
    message = contextError(fixture, [](TensorNetForce& f) { f.setHyperParameter("precision", "16"); });
    report(contains(message, "precision 16") && contains(message, "64"), "an invalid override value names it and the choices", message);
    message = errorOf([] { TensorNetForce("x.y", "{\"hyperparameters\": 3}").setHyperParameter("precision", "64"); });
    report(contains(message, "\"hyperparameters\"") && contains(message, "JSON object"), "\"hyperparameters\" that is not an object", message);
    message = errorOf([] { TensorNetForce("x.y", "{}").setHyperParameter("", "1"); });
    report(contains(message, "needs a name"), "an empty hyper-parameter name", message);
    message = errorOf([] { TensorNetForce("x.y", "{}").setLengthUnit("parsec"); });
    report(contains(message, "length unit") && contains(message, "parsec"), "unknown length unit", message);
    return exitCode();
}

int runFailingStep(const std::string& platform) {
    Fixture fixture = loadFixture("tn-small", "caffeine");
    auto system = systemFor(fixture, forceFor(fixture, "eV"));
    auto simulation = simulate(*system, platform, false);
    OpenMM::Context& context = *simulation->context;

    std::vector<Vec3> coincident = fixture.positions;
    coincident[3] = coincident[0];
    context.setPositions(coincident);
    std::string message = errorOf([&] { evaluate(context); });
    report(contains(message, "Java potential failed") && contains(message, "coincide"), platform + ": a failing Java step carries the Java message", message);

    context.setPositions(fixture.positions);
    double energy = 0;
    message = errorOf([&] { energy = evaluate(context).energy / KJ_PER_EV; });
    check(message.empty() && std::fabs(energy - fixture.energy) <= 1e-5 * std::max(1.0, std::fabs(fixture.energy)),
          platform + ": the Context is usable again with valid positions (" + std::to_string(energy) + " eV)");

    // Dynamics after the failure: the integrator path (forces only) works too.
    message = errorOf([&] { simulation->integrator.step(3); });
    check(message.empty(), platform + ": integration continues after the failure " + message);
    return exitCode();
}

int runPeriodicErrors() {
    Fixture fixture = loadFixture("tn-small", "alanine_dipeptide");
    fixture.periodic = true;
    fixture.box[0] = Vec3(0.6, 0, 0);
    fixture.box[1] = Vec3(0, 0.6, 0);
    fixture.box[2] = Vec3(0, 0, 0.6);
    auto system = systemFor(fixture, forceFor(fixture, "eV"));
    auto simulation = simulate(*system, "Reference", false);
    simulation->context->setPositions(fixture.positions);
    std::string message = errorOf([&] { evaluate(*simulation->context); });
    report(contains(message, "twice the cutoff"), "a box smaller than twice the cutoff (6 A) is refused by the Java side", message);
    simulation->context->setPeriodicBoxVectors(Vec3(3, 0, 0), Vec3(0, 3, 0), Vec3(0, 0, 3));
    message = errorOf([&] { evaluate(*simulation->context); });
    check(message.empty(), "a valid box (30 A) is accepted afterwards " + message);
    // OpenMM takes NaN and infinite vectors (they pass its reduced-form comparisons): an error, never an energy.
    for (double bad : {std::nan(""), HUGE_VAL}) {
        simulation->context->setPeriodicBoxVectors(Vec3(3, 0, 0), Vec3(0, 3, 0), Vec3(0, 0, bad));
        message = errorOf([&] { evaluate(*simulation->context); });
        report(contains(message, "not finite") && contains(message, "setPeriodicBoxVectors"),
               "a non-finite box is refused with the call that fixes it", message);
        message = errorOf([&] { simulation->integrator.step(1); });
        report(contains(message, "not finite"), "and integration stops there", message);
    }

    // TensorNet2 without coulomb_cutoff: TorchMD-Net refuses a box ("PBC is not supported with
    // coulomb_cutoff = None"); so does the plugin, naming the override that fixes it.
    Fixture tn2 = loadFixture("tn2-bench", "caffeine__q0");
    tn2.periodic = true;
    tn2.box[0] = Vec3(3, 0, 0);
    tn2.box[1] = Vec3(0, 3, 0);
    tn2.box[2] = Vec3(0, 0, 3);
    double energy = 0;
    message = energyOrError(tn2, forceFor(tn2, "eV"), energy);
    report(contains(message, "PBC is not supported with coulomb_cutoff = None") && contains(message, "setHyperParameter(\"coulomb_cutoff\""),
           "TensorNet2 without coulomb_cutoff in a box is refused with the fix", message);
    TensorNetForce* withCutoff = forceFor(tn2, "eV");
    withCutoff->setHyperParameter("coulomb_cutoff", "10");
    message = energyOrError(tn2, withCutoff, energy);
    energy /= KJ_PER_EV;
    check(message.empty(), "the override is accepted: " + message);
    check(std::isfinite(energy) && std::abs(energy - tn2.energy) > 1e-3,
          "with setHyperParameter(\"coulomb_cutoff\", \"10\") the periodic energy is finite (" + std::to_string(energy)
              + " eV) and not the all-pairs one (" + std::to_string(tn2.energy) + " eV)");
    return exitCode();
}

/**
 * A Java potential that returns a NaN energy or force, or too few force rows (tests/java
 * MisbehavingTestPotential): each is an OpenMMException naming the class, for the energy and for
 * the integrator, which must not go on with the step.
 */
int runMisbehavingPotential(const std::string& platform) {
    const std::string name = "org.tensornet4j.testing.MisbehavingTestPotential";
    std::vector<Vec3> positions = {Vec3(0, 0, 0), Vec3(0.096, 0, 0), Vec3(-0.024, 0.093, 0)};
    auto failure = [&](const std::string& mode, const std::function<void(Simulation&)>& call) {
        auto* force = new TensorNetForce(name, "{\"atomic_numbers\": [8, 1, 1], \"misbehave\": \"" + mode + "\"}");
        force->setEnergyUnit("kJ/mol");
        OpenMM::System system;
        for (int i = 0; i < 3; i++) system.addParticle(1.0);
        system.addForce(force);
        auto simulation = simulate(system, platform, true);
        simulation->context->setPositions(positions);
        return errorOf([&] { call(*simulation); });
    };
    auto energy = [](Simulation& s) { evaluate(*s.context); };
    auto integrate = [](Simulation& s) { s.integrator.step(1); };
    for (const auto& call : {std::function<void(Simulation&)>(energy), std::function<void(Simulation&)>(integrate)}) {
        std::string message = failure("nan_energy", call);
        report(contains(message, name) && contains(message, "non-finite energy"), platform + ": a NaN energy is an OpenMMException", message);
        message = failure("nan_force", call);
        report(contains(message, name) && contains(message, "non-finite force on atom 1"), platform + ": a NaN force is an OpenMMException", message);
        message = failure("short_forces", call);
        report(contains(message, name + ".compute") && contains(message, "expected forces[3][3]"),
               platform + ": too few force rows name the class and the shapes", message);
    }
    std::string message = failure("none", integrate);
    check(message.empty(), platform + ": the same potential without a fault integrates " + message);
    return exitCode();
}

}  // namespace tn4jtest

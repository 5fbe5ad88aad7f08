// XML round trip: every setting survives, and the deserialized System gives the same energy.
#include "PluginTestSupport.h"

#include "openmm/serialization/XmlSerializer.h"

#include <memory>
#include <sstream>

namespace tn4jtest {
namespace {

using TensorNetPlugin::TensorNetForce;

bool sameSettings(const TensorNetForce& a, const TensorNetForce& b) {
    bool same = a.getClassName() == b.getClassName() && a.getConfig() == b.getConfig() && a.getCheckpoint() == b.getCheckpoint() &&
                a.getAtomicNumbers() == b.getAtomicNumbers() && a.getParticles() == b.getParticles() && a.getCharge() == b.getCharge() &&
                a.getLengthScale() == b.getLengthScale() && a.getEnergyUnit() == b.getEnergyUnit() &&
                a.usesPeriodicBoundaryConditions() == b.usesPeriodicBoundaryConditions() && a.getForceGroup() == b.getForceGroup() &&
                a.getNumGlobalParameters() == b.getNumGlobalParameters();
    for (int i = 0; same && i < a.getNumGlobalParameters(); i++) {
        same = a.getGlobalParameterName(i) == b.getGlobalParameterName(i) &&
               a.getGlobalParameterDefaultValue(i) == b.getGlobalParameterDefaultValue(i);
    }
    return same;
}

}  // namespace

int runSerialization() {
    Fixture fixture = loadFixture("tn-small", "alanine_dipeptide_explicit_pbc");
    TensorNetForce* force = forceFor(fixture, "kcal/mol");
    force->setCharge(1.0);
    force->setLengthUnit("angstrom");
    force->setForceGroup(3);
    force->addGlobalParameter("lambda", 0.25);
    force->addGlobalParameter("a<b&\"c", 2.0);  // XML-escaped characters survive too
    force->setHyperParameter("max_num_neighbors", "96");  // a TorchMD-Net load_model override
    force->setHyperParameter("activation", "silu");       // not JSON: kept as the string "silu"
    check(force->getHyperParameters() == "{\"activation\":\"silu\",\"max_num_neighbors\":96}",
          "setHyperParameter stores JSON values: " + force->getHyperParameters());
    check(force->usesPeriodicBoundaryConditions() && force->getCheckpoint() == fixture.checkpoint(), "checkpoint and periodicity set");

    std::stringstream xml;
    OpenMM::XmlSerializer::serialize<OpenMM::Force>(force, "Force", xml);
    std::unique_ptr<OpenMM::Force> copy(OpenMM::XmlSerializer::deserialize<OpenMM::Force>(xml));
    auto* restored = dynamic_cast<TensorNetForce*>(copy.get());
    check(restored != nullptr && sameSettings(*force, *restored),
          "force round trip keeps checkpoint, class, config, atomic numbers, units, charge, periodicity, group, global parameters");
    check(restored != nullptr && restored->getHyperParameters() == force->getHyperParameters(), "force round trip keeps the hyper-parameter overrides");

    // A subset and the general (class + config) form, through a whole System this time.
    auto* general = new TensorNetForce(TensorNetForce::defaultClassName(),
                                       "{\"checkpoint\": \"" + fixture.checkpoint() + "\", \"hyperparameters\": {\"max_num_neighbors\": 96}}");
    general->setAtomicNumbers(std::vector<int>(fixture.z.begin(), fixture.z.begin() + 22));
    std::vector<int> subset(22);
    for (int i = 0; i < 22; i++) subset[i] = i;
    general->setParticles(subset);
    general->setEnergyUnit("eV");
    general->setLengthScale(0.1);
    general->setUsesPeriodicBoundaryConditions(true);
    auto system = systemFor(fixture, force);
    system->addForce(general);
    std::stringstream systemXml;
    OpenMM::XmlSerializer::serialize<OpenMM::System>(system.get(), "System", systemXml);
    std::unique_ptr<OpenMM::System> restoredSystem(OpenMM::XmlSerializer::deserialize<OpenMM::System>(systemXml));
    auto* restoredGeneral = dynamic_cast<TensorNetForce*>(&restoredSystem->getForce(1));
    check(restoredGeneral != nullptr && sameSettings(*general, *restoredGeneral), "System round trip keeps subset and general-form settings");

    auto original = simulate(*system, "Reference", true);
    auto reloaded = simulate(*restoredSystem, "Reference", true);
    original->context->setPositions(fixture.positions);
    reloaded->context->setPositions(fixture.positions);
    double before = original->context->getState(OpenMM::State::Energy).getPotentialEnergy();
    double after = reloaded->context->getState(OpenMM::State::Energy).getPotentialEnergy();
    check(before == after && before != 0, "deserialized System gives the same energy: " + std::to_string(after) + " kJ/mol");
    return exitCode();
}

}  // namespace tn4jtest

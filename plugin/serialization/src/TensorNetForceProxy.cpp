#include "TensorNetForceProxy.h"

#include "TensorNetForce.h"

#include "openmm/OpenMMException.h"
#include "openmm/serialization/SerializationNode.h"

#include <memory>

using OpenMM::SerializationNode;

namespace TensorNetPlugin {
namespace {

const int VERSION = 1;

void writeInts(SerializationNode& parent, const std::string& listName, const std::string& itemName, const std::vector<int>& values) {
    SerializationNode& list = parent.createChildNode(listName);
    for (int value : values) list.createChildNode(itemName).setIntProperty("value", value);
}

std::vector<int> readInts(const SerializationNode& parent, const std::string& listName) {
    std::vector<int> values;
    for (const SerializationNode& item : parent.getChildNode(listName).getChildren()) values.push_back(item.getIntProperty("value"));
    return values;
}

}  // namespace

void TensorNetForceProxy::serialize(const void* object, SerializationNode& node) const {
    const auto& force = *static_cast<const TensorNetForce*>(object);
    node.setIntProperty("version", VERSION);
    node.setIntProperty("forceGroup", force.getForceGroup());
    node.setStringProperty("name", force.getName());
    node.setStringProperty("className", force.getClassName());
    node.setStringProperty("config", force.getConfig());
    node.setDoubleProperty("charge", force.getCharge());
    node.setDoubleProperty("lengthScale", force.getLengthScale());
    node.setStringProperty("energyUnit", force.getEnergyUnit());
    node.setBoolProperty("periodic", force.usesPeriodicBoundaryConditions());
    writeInts(node, "AtomicNumbers", "Atom", force.getAtomicNumbers());
    writeInts(node, "Particles", "Particle", force.getParticles());
    SerializationNode& parameters = node.createChildNode("GlobalParameters");
    for (int i = 0; i < force.getNumGlobalParameters(); i++) {
        parameters.createChildNode("Parameter")
            .setStringProperty("name", force.getGlobalParameterName(i))
            .setDoubleProperty("default", force.getGlobalParameterDefaultValue(i));
    }
}

void* TensorNetForceProxy::deserialize(const SerializationNode& node) const {
    int version = node.getIntProperty("version");
    if (version != VERSION) throw OpenMM::OpenMMException("TensorNetForce: unsupported serialization version " + std::to_string(version));
    auto force = std::make_unique<TensorNetForce>(node.getStringProperty("className"), node.getStringProperty("config"));
    force->setForceGroup(node.getIntProperty("forceGroup", 0));
    force->setName(node.getStringProperty("name", force->getName()));
    force->setCharge(node.getDoubleProperty("charge"));
    force->setLengthScale(node.getDoubleProperty("lengthScale"));
    force->setEnergyUnit(node.getStringProperty("energyUnit"));
    force->setUsesPeriodicBoundaryConditions(node.getBoolProperty("periodic"));
    force->setAtomicNumbers(readInts(node, "AtomicNumbers"));
    force->setParticles(readInts(node, "Particles"));
    for (const SerializationNode& parameter : node.getChildNode("GlobalParameters").getChildren()) {
        force->addGlobalParameter(parameter.getStringProperty("name"), parameter.getDoubleProperty("default"));
    }
    return force.release();
}

}  // namespace TensorNetPlugin

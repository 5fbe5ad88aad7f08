#include "TensorNetForceProxy.h"

#include "TensorNetForce.h"

#include "openmm/OpenMMException.h"
#include "openmm/serialization/SerializationNode.h"

#include <memory>

using OpenMM::SerializationNode;

namespace TensorNetPlugin {
namespace {

const int VERSION = 1;

// OpenMM 7.7's XML reader drops the last character of an attribute when exactly one character
// follows the last escaped one (a JSON config ending in "} loses its brace). Every text attribute
// is therefore written with this terminator after it, which the reader removes again.
const std::string TEXT_END = "||";

void writeText(SerializationNode& node, const std::string& name, const std::string& value) {
    node.setStringProperty(name, value + TEXT_END);
}

std::string readText(const SerializationNode& node, const std::string& name) {
    std::string value = node.getStringProperty(name);
    bool terminated = value.size() >= TEXT_END.size() && value.compare(value.size() - TEXT_END.size(), TEXT_END.size(), TEXT_END) == 0;
    if (!terminated) throw OpenMM::OpenMMException("TensorNetForce: XML attribute " + name + " is truncated: " + value);
    return value.substr(0, value.size() - TEXT_END.size());
}

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
    writeText(node, "name", force.getName());
    writeText(node, "className", force.getClassName());
    writeText(node, "config", force.getConfig());
    node.setDoubleProperty("charge", force.getCharge());
    node.setDoubleProperty("lengthScale", force.getLengthScale());
    writeText(node, "energyUnit", force.getEnergyUnit());
    node.setBoolProperty("periodic", force.usesPeriodicBoundaryConditions());
    writeInts(node, "AtomicNumbers", "Atom", force.getAtomicNumbers());
    writeInts(node, "Particles", "Particle", force.getParticles());
    SerializationNode& parameters = node.createChildNode("GlobalParameters");
    for (int i = 0; i < force.getNumGlobalParameters(); i++) {
        SerializationNode& parameter = parameters.createChildNode("Parameter");
        writeText(parameter, "name", force.getGlobalParameterName(i));
        parameter.setDoubleProperty("default", force.getGlobalParameterDefaultValue(i));
    }
}

void* TensorNetForceProxy::deserialize(const SerializationNode& node) const {
    int version = node.getIntProperty("version");
    if (version != VERSION) throw OpenMM::OpenMMException("TensorNetForce: unsupported serialization version " + std::to_string(version));
    auto force = std::make_unique<TensorNetForce>(readText(node, "className"), readText(node, "config"));
    force->setForceGroup(node.getIntProperty("forceGroup", 0));
    force->setName(readText(node, "name"));
    force->setCharge(node.getDoubleProperty("charge"));
    force->setLengthScale(node.getDoubleProperty("lengthScale"));
    force->setEnergyUnit(readText(node, "energyUnit"));
    force->setUsesPeriodicBoundaryConditions(node.getBoolProperty("periodic"));
    force->setAtomicNumbers(readInts(node, "AtomicNumbers"));
    force->setParticles(readInts(node, "Particles"));
    for (const SerializationNode& parameter : node.getChildNode("GlobalParameters").getChildren()) {
        force->addGlobalParameter(readText(parameter, "name"), parameter.getDoubleProperty("default"));
    }
    return force.release();
}

}  // namespace TensorNetPlugin

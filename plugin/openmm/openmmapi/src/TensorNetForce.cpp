#include "TensorNetForce.h"

#include "internal/PotentialConfig.h"
#include "internal/TensorNetForceImpl.h"
#include "internal/Units.h"

#include "openmm/OpenMMException.h"

#include <cmath>

using OpenMM::OpenMMException;

namespace TensorNetPlugin {

const std::string& TensorNetForce::defaultClassName() {
    static const std::string name = "org.tensornet4j.TensorNetPotential";
    return name;
}

TensorNetForce::TensorNetForce(const std::string& checkpoint, const std::vector<int>& atomicNumbers)
    : className(defaultClassName()), config(config::forCheckpoint(checkpoint)), atomicNumbers(atomicNumbers) {}

TensorNetForce::TensorNetForce(const std::string& className, const std::string& config)
    : className(className), config(config), atomicNumbers(config::atomicNumbers(config)) {
    if (className.empty()) throw OpenMMException("TensorNetForce: the Java class name must not be empty");
}

std::string TensorNetForce::getCheckpoint() const {
    return config::checkpoint(config);
}

void TensorNetForce::setHyperParameter(const std::string& name, const std::string& value) {
    config = config::withHyperParameter(config, name, value);
}

std::string TensorNetForce::getHyperParameters() const {
    return config::hyperParameters(config);
}

void TensorNetForce::setAtomicNumbers(const std::vector<int>& atomicNumbers) {
    this->atomicNumbers = atomicNumbers;
}

void TensorNetForce::setParticles(const std::vector<int>& particles) {
    this->particles = particles;
}

void TensorNetForce::setCharge(double charge) {
    if (!std::isfinite(charge)) throw OpenMMException("TensorNetForce: the total charge must be finite");
    this->charge = charge;
}

void TensorNetForce::setLengthScale(double nanometresPerUnit) {
    if (!(nanometresPerUnit > 0) || !std::isfinite(nanometresPerUnit)) {
        throw OpenMMException("TensorNetForce: the length scale (nm per model length unit) must be positive and finite");
    }
    lengthScale = nanometresPerUnit;
}

void TensorNetForce::setLengthUnit(const std::string& name) {
    lengthScale = units::nanometres(name);
}

void TensorNetForce::setEnergyUnit(const std::string& name) {
    energyUnit = name;  // checked when a Context is created, so a deserialized force fails the same way
}

void TensorNetForce::setUsesPeriodicBoundaryConditions(bool periodic) {
    this->periodic = periodic;
}

int TensorNetForce::addGlobalParameter(const std::string& name, double defaultValue) {
    parameterNames.push_back(name);
    parameterDefaults.push_back(defaultValue);
    return getNumGlobalParameters() - 1;
}

void TensorNetForce::checkParameterIndex(int index) const {
    if (index < 0 || index >= getNumGlobalParameters()) {
        throw OpenMMException("TensorNetForce: global parameter index " + std::to_string(index) + " out of range");
    }
}

const std::string& TensorNetForce::getGlobalParameterName(int index) const {
    checkParameterIndex(index);
    return parameterNames[index];
}

void TensorNetForce::setGlobalParameterName(int index, const std::string& name) {
    checkParameterIndex(index);
    parameterNames[index] = name;
}

double TensorNetForce::getGlobalParameterDefaultValue(int index) const {
    checkParameterIndex(index);
    return parameterDefaults[index];
}

void TensorNetForce::setGlobalParameterDefaultValue(int index, double defaultValue) {
    checkParameterIndex(index);
    parameterDefaults[index] = defaultValue;
}

OpenMM::ForceImpl* TensorNetForce::createImpl() const {
    return new TensorNetForceImpl(*this);
}

}  // namespace TensorNetPlugin

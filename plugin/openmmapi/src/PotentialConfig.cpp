#include "internal/PotentialConfig.h"

#include "openmm/OpenMMException.h"

#include <nlohmann/json.hpp>

namespace TensorNetPlugin {
namespace config {
namespace {

using nlohmann::json;

json parseObject(const std::string& config) {
    json parsed = json::parse(config, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
        throw OpenMM::OpenMMException("TensorNetForce: the configuration must be a JSON object, got: " + config);
    }
    return parsed;
}

}  // namespace

std::string forCheckpoint(const std::string& checkpoint) {
    return json{{"checkpoint", checkpoint}, {"device", "cpu"}}.dump();
}

std::vector<int> atomicNumbers(const std::string& config) {
    json parsed = parseObject(config);
    auto found = parsed.find("atomic_numbers");
    if (found == parsed.end()) return {};
    if (!found->is_array()) {
        throw OpenMM::OpenMMException("TensorNetForce: \"atomic_numbers\" in the configuration must be a list of integers");
    }
    std::vector<int> z;
    for (const auto& value : *found) {
        if (!value.is_number_integer()) {
            throw OpenMM::OpenMMException("TensorNetForce: atomic number " + value.dump() + " is not an integer");
        }
        z.push_back(value.get<int>());
    }
    return z;
}

std::string checkpoint(const std::string& config) {
    json parsed = parseObject(config);
    auto found = parsed.find("checkpoint");
    return found != parsed.end() && found->is_string() ? found->get<std::string>() : "";
}

std::string forPotential(const TensorNetForce& force, const std::map<std::string, double>& parameterValues) {
    json full = parseObject(force.getConfig());
    full["atomic_numbers"] = force.getAtomicNumbers();
    full["charge"] = force.getCharge();
    if (!parameterValues.empty()) full["global_parameters"] = parameterValues;
    return full.dump();
}

}  // namespace config
}  // namespace TensorNetPlugin

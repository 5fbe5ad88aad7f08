#include "internal/PotentialConfig.h"

#include "openmm/OpenMMException.h"

#include <nlohmann/json.hpp>

namespace TensorNetPlugin {
namespace config {
namespace {

using nlohmann::json;

const char* const EXAMPLE = "{\"checkpoint\": \"model.ckpt\"}";

/** A syntax error is reported as such, with the parser's position, not as "must be a JSON object". */
json parseObject(const std::string& config) {
    json parsed;
    try {
        parsed = json::parse(config);
    } catch (const json::parse_error& e) {
        std::string what = e.what();  // "[json.exception.parse_error.101] parse error at line 1, column 3: ..."
        std::string::size_type tag = what.find("] ");
        throw OpenMM::OpenMMException("TensorNetForce: the configuration is not valid JSON ("
                                      + (tag == std::string::npos ? what : what.substr(tag + 2))
                                      + "); fix the syntax at that position: " + config);
    }
    if (!parsed.is_object()) {
        throw OpenMM::OpenMMException("TensorNetForce: the configuration must be a JSON object such as " + std::string(EXAMPLE)
                                      + ", got a JSON " + parsed.type_name() + ": " + config);
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
        throw OpenMM::OpenMMException("TensorNetForce: \"atomic_numbers\" in the configuration must be a JSON list of integers, got a JSON "
                                      + std::string(found->type_name()) + ": " + found->dump());
    }
    std::vector<int> z;
    for (const auto& value : *found) {
        if (!value.is_number_integer()) {
            throw OpenMM::OpenMMException("TensorNetForce: atomic_numbers[" + std::to_string(z.size()) + "] must be a JSON integer, got a JSON "
                                          + std::string(value.type_name()) + ": " + value.dump());
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

namespace {

const char* const HYPER_PARAMETERS = "hyperparameters";

/** The "hyperparameters" object of a parsed configuration, created empty if absent. */
json& hyperParameterObject(json& parsed) {
    json& overrides = parsed[HYPER_PARAMETERS];
    if (overrides.is_null()) overrides = json::object();
    if (!overrides.is_object()) {
        throw OpenMM::OpenMMException("TensorNetForce: \"hyperparameters\" in the configuration must be a JSON object of"
                                      " TorchMD-Net hyper-parameter overrides, e.g. {\"coulomb_cutoff\": 10}; got " + overrides.dump());
    }
    return overrides;
}

}  // namespace

std::string withHyperParameter(const std::string& config, const std::string& name, const std::string& value) {
    if (name.empty()) throw OpenMM::OpenMMException("TensorNetForce: setHyperParameter needs a name, e.g. \"coulomb_cutoff\"");
    json parsed = parseObject(config);
    // The same rule as tn4j's --set KEY=VALUE: JSON if it parses, else the text as a string (e.g. tanh).
    json parsedValue = json::parse(value, nullptr, false);
    hyperParameterObject(parsed)[name] = parsedValue.is_discarded() || value.empty() ? json(value) : parsedValue;
    return parsed.dump();
}

std::string hyperParameters(const std::string& config) {
    json parsed = parseObject(config);
    return hyperParameterObject(parsed).dump();
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

#ifndef TENSORNET_PLUGIN_POTENTIAL_CONFIG_H_
#define TENSORNET_PLUGIN_POTENTIAL_CONFIG_H_

// The JSON configuration the Java potential class receives (see org.tensornet4j.bridge.Bridge): the
// one place that knows its keys.

#include "TensorNetForce.h"

#include <map>
#include <string>
#include <vector>

namespace TensorNetPlugin {
namespace config {

/** What the checkpoint constructor hands TensorNetPotential: {"checkpoint": path, "device": "cpu"}. */
std::string forCheckpoint(const std::string& checkpoint);

/** "atomic_numbers" of a configuration (empty if absent); OpenMMException if it is not a JSON object. */
std::vector<int> atomicNumbers(const std::string& config);

/** "checkpoint" of a configuration ("" if absent). */
std::string checkpoint(const std::string& config);

/**
 * The configuration with "hyperparameters"[name] set to value (JSON, or else a plain string);
 * OpenMMException for an empty name or a "hyperparameters" entry that is not a JSON object.
 */
std::string withHyperParameter(const std::string& config, const std::string& name, const std::string& value);

/** "hyperparameters" of a configuration as a JSON object text ("{}" if absent). */
std::string hyperParameters(const std::string& config);

/** The force's configuration plus "atomic_numbers", "charge" and "global_parameters" ({name: value}). */
std::string forPotential(const TensorNetForce& force, const std::map<std::string, double>& parameterValues);

}  // namespace config
}  // namespace TensorNetPlugin

#endif

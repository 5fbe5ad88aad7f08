#ifndef TENSORNET_PLUGIN_RESOLVED_SETTINGS_H_
#define TENSORNET_PLUGIN_RESOLVED_SETTINGS_H_

// A TensorNetForce's settings checked against the System of a Context and turned into what a step
// needs. Every user error surfaces here, at Context creation, as an OpenMMException naming the setting.

#include "TensorNetForce.h"

#include "openmm/System.h"

#include <vector>

namespace TensorNetPlugin {

struct ResolvedSettings {
    std::vector<int> particles;  // the System indices the force applies to, in atomic-number order
    double nanometresPerLength;  // nm per model length unit
    double kilojoulesPerEnergy;  // kJ/mol per model energy unit (0 until read from the model when not set)
    bool periodic;
};

ResolvedSettings resolveSettings(const TensorNetForce& force, const OpenMM::System& system);

}  // namespace TensorNetPlugin

#endif

#ifndef TENSORNET_PLUGIN_TENSORNET_FORCE_PROXY_H_
#define TENSORNET_PLUGIN_TENSORNET_FORCE_PROXY_H_

// XML serialization of TensorNetForce: every setting, so a deserialized force builds the same potential.

#include "openmm/serialization/SerializationProxy.h"

namespace TensorNetPlugin {

class TensorNetForceProxy : public OpenMM::SerializationProxy {
public:
    TensorNetForceProxy() : OpenMM::SerializationProxy("TensorNetForce") {}
    void serialize(const void* object, OpenMM::SerializationNode& node) const override;
    void* deserialize(const OpenMM::SerializationNode& node) const override;
};

}  // namespace TensorNetPlugin

#endif

// Registers the XML proxy as soon as the library is loaded, as OpenMM's own proxies are.
#include "TensorNetForce.h"
#include "TensorNetForceProxy.h"

#include "openmm/serialization/SerializationProxy.h"

extern "C" __attribute__((constructor)) void registerTensorNetSerializationProxies() {
    OpenMM::SerializationProxy::registerProxy(typeid(TensorNetPlugin::TensorNetForce), new TensorNetPlugin::TensorNetForceProxy());
}

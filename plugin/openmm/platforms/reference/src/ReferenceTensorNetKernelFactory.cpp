// Registers the host kernel with the Reference platform and with every platform built on it (CPU).
#include "ReferenceCalcTensorNetForceKernel.h"

#include "openmm/KernelFactory.h"
#include "openmm/OpenMMException.h"
#include "openmm/reference/ReferencePlatform.h"

namespace TensorNetPlugin {
namespace {

class ReferenceTensorNetKernelFactory : public OpenMM::KernelFactory {
public:
    OpenMM::KernelImpl* createKernelImpl(std::string name, const OpenMM::Platform& platform, OpenMM::ContextImpl&) const override {
        if (name == CalcTensorNetForceKernel::Name()) return new ReferenceCalcTensorNetForceKernel(name, platform);
        throw OpenMM::OpenMMException("TensorNet plugin: no kernel " + name + " for platform " + platform.getName());
    }
};

}  // namespace
}  // namespace TensorNetPlugin

extern "C" OPENMM_EXPORT void registerKernelFactories() {
    for (const char* name : {"Reference", "CPU"}) {
        OpenMM::Platform* platform = nullptr;
        try {
            platform = &OpenMM::Platform::getPlatformByName(name);
        } catch (const OpenMM::OpenMMException&) {
            continue;  // that platform's plugin is not loaded
        }
        // The kernel reads ReferencePlatform::PlatformData: register only where that is what the Context holds.
        if (dynamic_cast<OpenMM::ReferencePlatform*>(platform) == nullptr) continue;
        // One factory per platform: each Platform deletes its own factories.
        platform->registerKernelFactory(TensorNetPlugin::CalcTensorNetForceKernel::Name(), new TensorNetPlugin::ReferenceTensorNetKernelFactory());
    }
}

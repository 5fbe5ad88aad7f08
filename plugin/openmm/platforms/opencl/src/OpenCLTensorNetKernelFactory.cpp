// Registers the OpenCL kernel with the OpenCL platform, when that platform's plugin is loaded.
#include "OpenCLCalcTensorNetForceKernel.h"

#include "openmm/KernelFactory.h"
#include "openmm/OpenMMException.h"
#include "openmm/internal/ContextImpl.h"
#include "openmm/opencl/OpenCLPlatform.h"

#include <string>
#include <typeinfo>

namespace TensorNetPlugin {
namespace {

/**
 * The OpenCL platform's ComputeContext. OpenCLContext.h cannot be included on Debian (it needs
 * Lepton headers that are not packaged), so the OpenCLContext* is converted without its definition:
 * its only base is ComputeContext, a polymorphic class and therefore its primary base at offset 0
 * (Itanium C++ ABI). The dynamic type is checked before the object is used.
 */
OpenMM::ComputeContext& computeContextOf(OpenMM::ContextImpl& context) {
    auto& data = *static_cast<OpenMM::OpenCLPlatform::PlatformData*>(context.getPlatformData());
    auto* cc = reinterpret_cast<OpenMM::ComputeContext*>(data.contexts.at(0));
    if (std::string(typeid(*cc).name()) != "N6OpenMM13OpenCLContextE") {
        throw OpenMM::OpenMMException(std::string("TensorNet plugin: unexpected OpenCL context type ") + typeid(*cc).name());
    }
    return *cc;
}

class OpenCLTensorNetKernelFactory : public OpenMM::KernelFactory {
public:
    OpenMM::KernelImpl* createKernelImpl(std::string name, const OpenMM::Platform& platform, OpenMM::ContextImpl& context) const override {
        if (name == CalcTensorNetForceKernel::Name()) return new OpenCLCalcTensorNetForceKernel(name, platform, computeContextOf(context));
        throw OpenMM::OpenMMException("TensorNet plugin: no kernel " + name + " for platform " + platform.getName());
    }
};

}  // namespace
}  // namespace TensorNetPlugin

extern "C" OPENMM_EXPORT void registerKernelFactories() {
    try {
        OpenMM::Platform& platform = OpenMM::Platform::getPlatformByName("OpenCL");
        platform.registerKernelFactory(TensorNetPlugin::CalcTensorNetForceKernel::Name(), new TensorNetPlugin::OpenCLTensorNetKernelFactory());
    } catch (const OpenMM::OpenMMException&) {
        // the OpenCL platform's plugin is not loaded (no OpenCL runtime): nothing to register
    }
}

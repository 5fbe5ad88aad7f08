#ifndef TENSORNET_PLUGIN_REFERENCE_KERNEL_H_
#define TENSORNET_PLUGIN_REFERENCE_KERNEL_H_

// The kernel for the Reference and CPU platforms: both keep positions and forces in
// ReferencePlatform's platform data (in OpenMM 7.7 the CPU platform derives from ReferencePlatform),
// so the Java potential reads and writes host memory with no device transfer.

#include "TensorNetKernels.h"
#include "internal/PotentialStep.h"

#include <memory>

namespace TensorNetPlugin {

class ReferenceCalcTensorNetForceKernel : public CalcTensorNetForceKernel {
public:
    ReferenceCalcTensorNetForceKernel(std::string name, const OpenMM::Platform& platform)
        : CalcTensorNetForceKernel(name, platform) {}
    void initialize(const OpenMM::System& system, const TensorNetForce& force) override;
    double execute(OpenMM::ContextImpl& context, bool includeForces, bool includeEnergy) override;

private:
    std::unique_ptr<PotentialStep> step;
};

}  // namespace TensorNetPlugin

#endif

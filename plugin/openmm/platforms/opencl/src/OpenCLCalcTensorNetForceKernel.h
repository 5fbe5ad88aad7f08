#ifndef TENSORNET_PLUGIN_OPENCL_KERNEL_H_
#define TENSORNET_PLUGIN_OPENCL_KERNEL_H_

// The kernel for the OpenCL platform: a host round trip. Positions come down through the Context
// (unpermuted, unwrapped, full precision), the Java potential runs on the host, and its forces go
// back up into a device array that a small kernel adds to the force buffer. It talks to the platform
// only through OpenMM's ComputeContext interface (openmm/common), whose headers Debian can compile.

#include "TensorNetKernels.h"
#include "internal/PotentialStep.h"

#include "openmm/common/ComputeArray.h"
#include "openmm/common/ComputeContext.h"

#include <memory>
#include <vector>

namespace TensorNetPlugin {

class OpenCLCalcTensorNetForceKernel : public CalcTensorNetForceKernel {
public:
    OpenCLCalcTensorNetForceKernel(std::string name, const OpenMM::Platform& platform, OpenMM::ComputeContext& cc)
        : CalcTensorNetForceKernel(name, platform), cc(cc) {}
    void initialize(const OpenMM::System& system, const TensorNetForce& force) override;
    double execute(OpenMM::ContextImpl& context, bool includeForces, bool includeEnergy) override;

private:
    void uploadAndAddForces();

    OpenMM::ComputeContext& cc;
    std::unique_ptr<PotentialStep> step;
    std::vector<OpenMM::Vec3> positions;   // nm, System order
    std::vector<OpenMM::Vec3> hostForces;  // kJ/mol/nm, System order
    std::vector<double> doubleForces;      // upload staging in the precision of the force buffer
    std::vector<float> floatForces;
    OpenMM::ComputeArray deviceForces;
    OpenMM::ComputeKernel addForcesKernel;
};

}  // namespace TensorNetPlugin

#endif

#ifndef TENSORNET_PLUGIN_TENSORNET_KERNELS_H_
#define TENSORNET_PLUGIN_TENSORNET_KERNELS_H_

// The kernel interface every platform implements for TensorNetForce.

#include "TensorNetForce.h"

#include "openmm/KernelImpl.h"
#include "openmm/Platform.h"
#include "openmm/System.h"

#include <string>

namespace OpenMM {
class ContextImpl;
}

namespace TensorNetPlugin {

class CalcTensorNetForceKernel : public OpenMM::KernelImpl {
public:
    static std::string Name() { return "CalcTensorNetForce"; }

    CalcTensorNetForceKernel(std::string name, const OpenMM::Platform& platform) : OpenMM::KernelImpl(name, platform) {}

    /** Creates the Java potential; throws OpenMMException with the Java message if it cannot. */
    virtual void initialize(const OpenMM::System& system, const TensorNetForce& force) = 0;

    /** Adds the forces (if includeForces) and returns the energy in kJ/mol. */
    virtual double execute(OpenMM::ContextImpl& context, bool includeForces, bool includeEnergy) = 0;
};

}  // namespace TensorNetPlugin

#endif

#ifndef TENSORNET_PLUGIN_TENSORNET_FORCE_IMPL_H_
#define TENSORNET_PLUGIN_TENSORNET_FORCE_IMPL_H_

#include "TensorNetForce.h"

#include "openmm/Kernel.h"
#include "openmm/internal/ForceImpl.h"

#include <map>
#include <string>
#include <vector>

namespace TensorNetPlugin {

class TensorNetForceImpl : public OpenMM::ForceImpl {
public:
    explicit TensorNetForceImpl(const TensorNetForce& owner) : owner(owner) {}

    /** Validates the settings against the System, then lets the platform's kernel create the Java potential. */
    void initialize(OpenMM::ContextImpl& context) override;
    const TensorNetForce& getOwner() const override { return owner; }
    void updateContextState(OpenMM::ContextImpl&, bool&) override {}
    double calcForcesAndEnergy(OpenMM::ContextImpl& context, bool includeForces, bool includeEnergy, int groups) override;
    std::map<std::string, double> getDefaultParameters() override;
    std::vector<std::string> getKernelNames() override;

private:
    const TensorNetForce& owner;
    OpenMM::Kernel kernel;
};

}  // namespace TensorNetPlugin

#endif

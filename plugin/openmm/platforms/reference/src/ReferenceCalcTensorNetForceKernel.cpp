#include "ReferenceCalcTensorNetForceKernel.h"

#include "openmm/internal/ContextImpl.h"
#include "openmm/reference/ReferencePlatform.h"

namespace TensorNetPlugin {

void ReferenceCalcTensorNetForceKernel::initialize(const OpenMM::System& system, const TensorNetForce& force) {
    step = std::make_unique<PotentialStep>(system, force);
}

double ReferenceCalcTensorNetForceKernel::execute(OpenMM::ContextImpl& context, bool includeForces, bool includeEnergy) {
    (void) includeEnergy;  // the model yields energy and forces together
    auto& data = *static_cast<OpenMM::ReferencePlatform::PlatformData*>(context.getPlatformData());
    double energy = step->compute(context, *data.positions);
    if (includeForces) step->addForces(*data.forces);
    return energy;
}

}  // namespace TensorNetPlugin

#include "internal/TensorNetForceImpl.h"

#include "TensorNetKernels.h"
#include "internal/ResolvedSettings.h"

#include "openmm/internal/ContextImpl.h"

namespace TensorNetPlugin {

void TensorNetForceImpl::initialize(OpenMM::ContextImpl& context) {
    resolveSettings(owner, context.getSystem());  // settings errors first, whatever the platform
    kernel = context.getPlatform().createKernel(CalcTensorNetForceKernel::Name(), context);
    kernel.getAs<CalcTensorNetForceKernel>().initialize(context.getSystem(), owner);
}

double TensorNetForceImpl::calcForcesAndEnergy(OpenMM::ContextImpl& context, bool includeForces, bool includeEnergy, int groups) {
    if ((groups & (1 << owner.getForceGroup())) == 0) return 0.0;
    return kernel.getAs<CalcTensorNetForceKernel>().execute(context, includeForces, includeEnergy);
}

std::map<std::string, double> TensorNetForceImpl::getDefaultParameters() {
    std::map<std::string, double> parameters;
    for (int i = 0; i < owner.getNumGlobalParameters(); i++) {
        parameters[owner.getGlobalParameterName(i)] = owner.getGlobalParameterDefaultValue(i);
    }
    return parameters;
}

std::vector<std::string> TensorNetForceImpl::getKernelNames() {
    return {CalcTensorNetForceKernel::Name()};
}

}  // namespace TensorNetPlugin

#include "OpenCLCalcTensorNetForceKernel.h"

#include "KernelSources.h"

#include "openmm/common/ComputeForceInfo.h"
#include "openmm/common/ContextSelector.h"
#include "openmm/internal/ContextImpl.h"

#include <algorithm>

using OpenMM::Vec3;

namespace TensorNetPlugin {
namespace {

/**
 * Lets the platform reorder atoms safely: two particles are interchangeable for this force only if
 * both are outside it, or both inside with the same atomic number.
 */
class TensorNetForceInfo : public OpenMM::ComputeForceInfo {
public:
    TensorNetForceInfo(const TensorNetForce& force, int numParticles) : kind(numParticles, -1) {
        const std::vector<int>& z = force.getAtomicNumbers();
        const std::vector<int>& subset = force.getParticles();
        for (size_t i = 0; i < z.size(); i++) kind[subset.empty() ? static_cast<int>(i) : subset[i]] = z[i];
    }
    bool areParticlesIdentical(int particle1, int particle2) override { return kind[particle1] == kind[particle2]; }

private:
    std::vector<int> kind;
};

}  // namespace

void OpenCLCalcTensorNetForceKernel::initialize(const OpenMM::System& system, const TensorNetForce& force) {
    step = std::make_unique<PotentialStep>(system, force);  // validates the subset the force info relies on
    OpenMM::ContextSelector selector(cc);
    int numParticles = system.getNumParticles();
    hostForces.resize(numParticles);
    if (cc.getUseDoublePrecision()) {
        deviceForces.initialize<double>(cc, 3 * numParticles, "tensorNetForces");
        doubleForces.resize(3 * numParticles);
    } else {
        deviceForces.initialize<float>(cc, 3 * numParticles, "tensorNetForces");
        floatForces.resize(3 * numParticles);
    }
    addForcesKernel = cc.compileProgram(kernelSources::addForces)->createKernel("addForces");
    addForcesKernel->addArg(deviceForces);
    for (int placeholder = 0; placeholder < 2; placeholder++) addForcesKernel->addArg();  // bound per step
    addForcesKernel->addArg(cc.getNumAtoms());
    cc.addForce(new TensorNetForceInfo(force, numParticles));
}

double OpenCLCalcTensorNetForceKernel::execute(OpenMM::ContextImpl& context, bool includeForces, bool includeEnergy) {
    (void) includeEnergy;  // the model yields energy and forces together
    context.getPositions(positions);
    double energy = step->compute(context, positions);
    if (includeForces) uploadAndAddForces();
    return energy;
}

void OpenCLCalcTensorNetForceKernel::uploadAndAddForces() {
    std::fill(hostForces.begin(), hostForces.end(), Vec3());
    step->addForces(hostForces);
    OpenMM::ContextSelector selector(cc);
    if (cc.getUseDoublePrecision()) {
        for (size_t i = 0; i < hostForces.size(); i++) {
            for (int k = 0; k < 3; k++) doubleForces[3 * i + k] = hostForces[i][k];
        }
        deviceForces.upload(doubleForces.data());
    } else {
        for (size_t i = 0; i < hostForces.size(); i++) {
            for (int k = 0; k < 3; k++) floatForces[3 * i + k] = static_cast<float>(hostForces[i][k]);
        }
        deviceForces.upload(floatForces.data());
    }
    // The platform owns these arrays and may replace them (e.g. when it reorders atoms): bind them now.
    addForcesKernel->setArg(1, cc.getForceBuffers());
    addForcesKernel->setArg(2, cc.getAtomIndexArray());
    addForcesKernel->execute(cc.getNumAtoms());
}

}  // namespace TensorNetPlugin

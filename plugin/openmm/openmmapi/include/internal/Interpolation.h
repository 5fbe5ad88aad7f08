#ifndef TENSORNET_PLUGIN_INTERPOLATION_H_
#define TENSORNET_PLUGIN_INTERPOLATION_H_

// openmm-ml's InterpolationHelper (embeddings/utilities.py) for the mechanical embedding: one CustomCVForce
// with the global parameter lambda_interpolate, lambda*(ML terms) + (1-lambda)*(MM terms).

#include "openmm/Force.h"
#include "openmm/System.h"

#include <memory>
#include <vector>

namespace TensorNetPlugin {

/**
 * Adds the interpolating CustomCVForce to mixed (the classical forces left in it stay as they are): ML terms
 * mlForce and, when given, minus excludeForce (the ML region's PME energy, mlLongRange); MM terms the bonded
 * terms of classical inside the ML region and the difference between classical's NonbondedForce exceptions
 * and mixed's. Fails as openmm-ml does with a CustomNonbondedForce or several NonbondedForces.
 */
void addInterpolation(OpenMM::System& mixed, const OpenMM::System& classical, const std::vector<int>& mlAtoms,
                      std::unique_ptr<OpenMM::Force> mlForce, std::unique_ptr<OpenMM::Force> excludeForce);

}  // namespace TensorNetPlugin

#endif

#ifndef TENSORNET_PLUGIN_BONDED_TERMS_H_
#define TENSORNET_PLUGIN_BONDED_TERMS_H_

// Copies of a System without some of its bonded terms, and copies of single forces, for the mechanical
// embedding (MechanicalEmbedding.h). Works on the serialized form, as openmm-ml's utilities.removeBonds
// works on the XML, so that every force type with <Bond>, <Angle> or <Torsion> terms is handled alike.

#include "openmm/Force.h"
#include "openmm/System.h"

#include <vector>

namespace TensorNetPlugin {

/**
 * A copy of system (the caller owns it) without the bonded terms whose atoms are all in atoms (removeInSet)
 * or not all in atoms (!removeInSet): openmm-ml's utilities.removeBonds.
 */
OpenMM::System* copyRemovingBondedTerms(const OpenMM::System& system, const std::vector<int>& atoms, bool removeInSet);

/** A deep copy of a force through its serialization proxy (the caller owns it). */
OpenMM::Force* cloneForce(const OpenMM::Force& force);

}  // namespace TensorNetPlugin

#endif

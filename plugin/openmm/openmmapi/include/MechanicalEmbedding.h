#ifndef TENSORNET_PLUGIN_MECHANICAL_EMBEDDING_H_
#define TENSORNET_PLUGIN_MECHANICAL_EMBEDDING_H_

// ML/MM mixed systems with mechanical embedding, as openmm-ml builds them, written once in C++ for every
// host (C++, Python through SWIG, Java through the JavaCPP mapping of OpenMM).
//
// Reproduces openmm-ml at commit 772aa702d430a4fc08aebd3d7888dc63e4ed1285 (2026-08-20):
// MLPotential.createMixedSystem (mlpotential.py) with embedding='mechanical'
// (embeddings/mechanicalembedding.py, embeddings/utilities.py), for a TorchMD-Net potential
// (models/torchmdnetpotential.py) whose getMLLongRange() is known, as for the AceFF models:
//  - the System is copied through its serialized form and every bonded term whose atoms are all ML atoms is
//    removed: each <Bond> (atoms p1 p2), <Angle> (p1 p2 p3) and <Torsion> (p1..p4, or a1..a4 b1..b4 for
//    CMAP) of every Force, so HarmonicBond/Angle, PeriodicTorsion, RBTorsion, CMAPTorsion and the Custom
//    Bond/Angle/Torsion forces; a CustomCompoundBondForce bond is judged by its first two atoms, as openmm-ml
//    does (it reads p1 and p2 only);
//  - every NonbondedForce gets an exception (charge product 0, sigma 1, epsilon 0, replacing any
//    existing one) for each pair of ML atoms, and exceptions use periodic boundary conditions when the
//    System does; every CustomNonbondedForce gets an exclusion for each ML pair not already excluded;
//  - mlLongRange (periodic systems with Ewald/PME/LJPME): false, the AceFF models' value and the right one
//    for TensorNet (a short-range model), keeps the zero-charge exceptions; true keeps the true charge
//    products in the exceptions and subtracts the PME energy of the ML charges (a CustomCVForce
//    "-excludeForce"), as openmm-ml does for long-range models;
//  - the TensorNetForce (a copy of mlForce) on the ML atoms (setParticles), periodic when the System is
//    or mlForce is set periodic (openmm-ml: when the System or the Topology has a box), in mlForce's force
//    group (openmm-ml's forceGroup, default 0);
//  - interpolate: openmm-ml's InterpolationHelper, a CustomCVForce with the global parameter
//    "lambda_interpolate" (default 1): lambda*(ML terms) + (1-lambda)*(MM terms), the MM terms being the
//    bonded terms inside the ML region and a CustomBondForce with the difference between the MM and the
//    mixed NonbondedForce exceptions; unsupported with a CustomNonbondedForce, as in openmm-ml;
//  - removeConstraints: constraints between two ML atoms removed.
// openmm-ml's TorchMD-Net options are settings of mlForce: the region's total charge (setCharge),
// coulomb_cutoff (openmm-ml passes 1.2 nm for periodic systems and None otherwise; only TensorNet2's
// Coulomb head, output_model ScalarPlusWeightedCoulomb, reads it, and tensornet4j refuses a name a model
// does not read, so for such a model only: setHyperParameter("coulomb_cutoff", "12.0") or "null"),
// remove_ref_energy (true is the checkpoint's own behaviour; setHyperParameter("remove_ref_energy",
// "false") otherwise). The Python wrapper openmmtensornet4j.createMixedSystem applies these defaults
// (plugin/openmm/python/mixed_system.py); a C++ or Java caller sets them on mlForce.
// Atoms are selected by index here: selection by residue name or chain needs a topology, which OpenMM's C++
// API has not; Python selects from an openmm.app.Topology (openmmtensornet4j.selectAtoms), Java from its
// PDB reader. plugin/openmm/tests/python/check_against_openmm_ml.py compares the result with openmm-ml's
// own createMixedSystem run from its source (same System XML).
// Two differences, where openmm-ml at that commit fails: it calls utilities.makeCustomNonbondedExclusions,
// which does not exist (the function is addCustomNonbondedExclusions), so it fails on a System with a
// CustomNonbondedForce; here the exclusions are added as that function intends. It reads atom p1 of every
// <Bond>, which a CustomCentroidBondForce bond (groups g1, g2, ...) has not; here such bonds stay, as
// terms that are never internal to the ML region.

#include "TensorNetForce.h"
#include "openmm/System.h"

#include <vector>

namespace TensorNetPlugin {

/**
 * A new System (the caller owns it) in which the ML atoms' internal energy comes from mlForce and the rest
 * from the classical force field of system, which is copied and left unchanged.
 *
 * @param system            the classical System of the whole
 * @param mlAtoms           indices of the ML atoms, in the order of mlForce's atomic numbers (distinct,
 *                          in range, at least one)
 * @param mlForce           a configured TensorNetForce (checkpoint, energy unit, total charge of the region,
 *                          hyper-parameters, force group) with one atomic number per ML atom; its
 *                          particles are set to mlAtoms, and it is made periodic if system is
 * @param interpolate       adds the global parameter "lambda_interpolate": 0 = classical, 1 = mixed
 * @param removeConstraints removes the constraints between two ML atoms
 * @param mlLongRange       whether the model computes long-range electrostatics (false for TensorNet)
 * @throws OpenMM::OpenMMException naming the problem for a bad atom list or force
 */
OpenMM::System* createMixedSystem(const OpenMM::System& system, const std::vector<int>& mlAtoms,
                                  const TensorNetForce& mlForce, bool interpolate = false,
                                  bool removeConstraints = true, bool mlLongRange = false);

}  // namespace TensorNetPlugin

#endif

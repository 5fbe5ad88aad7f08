#include "MechanicalEmbedding.h"

#include "internal/BondedTerms.h"
#include "internal/Interpolation.h"

#include "openmm/CustomCVForce.h"
#include "openmm/CustomNonbondedForce.h"
#include "openmm/NonbondedForce.h"
#include "openmm/OpenMMException.h"

#include <memory>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>

using namespace OpenMM;

namespace TensorNetPlugin {
namespace {

[[noreturn]] void fail(const std::string& message) {
    throw OpenMMException("createMixedSystem: " + message);
}

void checkSelection(const System& system, const std::vector<int>& mlAtoms, const TensorNetForce& mlForce) {
    const int n = system.getNumParticles();
    if (mlAtoms.empty()) fail("the ML atom selection is empty: give the indices of at least one atom");
    std::vector<bool> seen(n, false);
    for (int atom : mlAtoms) {
        if (atom < 0 || atom >= n) {
            fail("ML atom index " + std::to_string(atom) + " is out of range: the System has " + std::to_string(n) +
                 " particles (indices 0 to " + std::to_string(n - 1) + ")");
        }
        if (seen[atom]) fail("ML atom index " + std::to_string(atom) + " is selected more than once: give each atom once");
        seen[atom] = true;
    }
    const size_t numbers = mlForce.getAtomicNumbers().size();
    if (numbers != mlAtoms.size()) {
        fail("the TensorNetForce has " + std::to_string(numbers) + " atomic numbers but " + std::to_string(mlAtoms.size()) +
             " ML atoms are selected: give it one atomic number per ML atom, in the order of the ML atoms");
    }
    if (!mlForce.getParticles().empty() && mlForce.getParticles() != mlAtoms) {
        fail("the TensorNetForce already applies to other particles (setParticles): leave them unset, "
             "createMixedSystem applies it to the ML atoms");
    }
}

/** The first NonbondedForce with long-range electrostatics (Ewald, PME, LJPME), or null. */
const NonbondedForce* longRangeNonbonded(const System& system) {
    for (int i = 0; i < system.getNumForces(); i++) {
        auto* nonbonded = dynamic_cast<const NonbondedForce*>(&system.getForce(i));
        if (nonbonded == nullptr) continue;
        const auto method = nonbonded->getNonbondedMethod();
        if (method == NonbondedForce::Ewald || method == NonbondedForce::PME || method == NonbondedForce::LJPME) return nonbonded;
    }
    return nullptr;
}

/** Zero-charge (or, with excludeLongRange, true-charge) exceptions for every ML pair, as openmm-ml adds them. */
void excludeMLPairs(NonbondedForce& force, const std::vector<int>& atoms, bool excludeLongRange, bool periodic) {
    std::vector<double> charges;
    for (int atom : atoms) {
        double charge, sigma, epsilon;
        force.getParticleParameters(atom, charge, sigma, epsilon);
        charges.push_back(charge);
    }
    for (size_t i1 = 0; i1 < atoms.size(); i1++) {
        for (size_t i2 = 0; i2 < i1; i2++) {
            const double chargeProd = excludeLongRange ? charges[i1] * charges[i2] : 0.0;
            force.addException(atoms[i1], atoms[i2], chargeProd, 1, 0, true);
        }
    }
    force.setExceptionsUsePeriodicBoundaryConditions(periodic);
}

/** openmm-ml's addCustomNonbondedExclusions: exclusions for the ML pairs not excluded yet. */
void excludeMLPairs(CustomNonbondedForce& force, const std::vector<int>& atoms) {
    std::set<std::pair<int, int>> existing;
    for (int k = 0; k < force.getNumExclusions(); k++) {
        int a, b;
        force.getExclusionParticles(k, a, b);
        existing.insert({a, b});
    }
    for (size_t i1 = 0; i1 < atoms.size(); i1++) {
        for (size_t i2 = 0; i2 < i1; i2++) {
            const int a = atoms[i1], b = atoms[i2];
            if (existing.count({a, b}) == 0 && existing.count({b, a}) == 0) force.addExclusion(a, b);
        }
    }
}

/** A PME NonbondedForce with the ML atoms' charges only: their long-range energy, to subtract (mlLongRange). */
std::unique_ptr<NonbondedForce> mlRegionPME(const NonbondedForce& mm, const std::vector<int>& atoms, int numParticles) {
    auto force = std::make_unique<NonbondedForce>();
    force->setCutoffDistance(mm.getCutoffDistance());
    force->setEwaldErrorTolerance(mm.getEwaldErrorTolerance());
    force->setNonbondedMethod(NonbondedForce::PME);
    double alpha;
    int nx, ny, nz;
    mm.getPMEParameters(alpha, nx, ny, nz);
    force->setPMEParameters(alpha, nx, ny, nz);
    const std::unordered_set<int> atomSet(atoms.begin(), atoms.end());
    for (int atom = 0; atom < numParticles; atom++) {
        double charge, sigma, epsilon;
        mm.getParticleParameters(atom, charge, sigma, epsilon);
        force->addParticle(atomSet.count(atom) ? charge : 0.0, 1, 0);
    }
    return force;
}

void removeMLConstraints(System& system, const std::vector<int>& atoms) {
    const std::unordered_set<int> atomSet(atoms.begin(), atoms.end());
    for (int k = system.getNumConstraints() - 1; k >= 0; k--) {
        int a, b;
        double distance;
        system.getConstraintParameters(k, a, b, distance);
        if (atomSet.count(a) && atomSet.count(b)) system.removeConstraint(k);
    }
}

}  // namespace

System* createMixedSystem(const System& system, const std::vector<int>& mlAtoms, const TensorNetForce& mlForce,
                          bool interpolate, bool removeConstraints, bool mlLongRange) {
    checkSelection(system, mlAtoms, mlForce);
    const bool periodic = system.usesPeriodicBoundaryConditions();
    const NonbondedForce* mmLongRange = longRangeNonbonded(system);
    const bool excludeLongRange = periodic && mlLongRange;
    if (excludeLongRange && mmLongRange == nullptr) {
        fail("the system is periodic and mlLongRange is true, but the MM force field has no long-range "
             "(Ewald, PME, LJPME) NonbondedForce: use mlLongRange false (TensorNet is short-range)");
    }

    std::unique_ptr<System> mixed(copyRemovingBondedTerms(system, mlAtoms, true));
    for (int i = 0; i < mixed->getNumForces(); i++) {
        Force& force = mixed->getForce(i);
        if (auto* nonbonded = dynamic_cast<NonbondedForce*>(&force)) {
            excludeMLPairs(*nonbonded, mlAtoms, excludeLongRange, periodic);
        } else if (auto* custom = dynamic_cast<CustomNonbondedForce*>(&force)) {
            excludeMLPairs(*custom, mlAtoms);
        }
    }
    std::unique_ptr<NonbondedForce> excludeForce;
    if (excludeLongRange) excludeForce = mlRegionPME(*mmLongRange, mlAtoms, system.getNumParticles());

    auto ml = std::make_unique<TensorNetForce>(mlForce);
    ml->setParticles(mlAtoms);
    // openmm-ml's TorchMD-Net force is periodic when the System or the Topology is (a box in the Topology
    // of a System without one): the caller says the latter by configuring mlForce as periodic.
    ml->setUsesPeriodicBoundaryConditions(periodic || mlForce.usesPeriodicBoundaryConditions());
    if (interpolate) {
        addInterpolation(*mixed, system, mlAtoms, std::move(ml), std::move(excludeForce));
    } else {
        if (excludeForce) {
            auto* subtract = new CustomCVForce("-excludeForce");
            subtract->addCollectiveVariable("excludeForce", excludeForce.release());
            mixed->addForce(subtract);
        }
        mixed->addForce(ml.release());
    }
    if (removeConstraints) removeMLConstraints(*mixed, mlAtoms);
    return mixed.release();
}

}  // namespace TensorNetPlugin

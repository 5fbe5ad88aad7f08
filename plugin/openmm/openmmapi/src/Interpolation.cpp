#include "internal/Interpolation.h"

#include "internal/BondedTerms.h"

#include "openmm/CMAPTorsionForce.h"
#include "openmm/CustomAngleForce.h"
#include "openmm/CustomBondForce.h"
#include "openmm/CustomCVForce.h"
#include "openmm/CustomCentroidBondForce.h"
#include "openmm/CustomCompoundBondForce.h"
#include "openmm/CustomNonbondedForce.h"
#include "openmm/CustomTorsionForce.h"
#include "openmm/HarmonicAngleForce.h"
#include "openmm/HarmonicBondForce.h"
#include "openmm/NonbondedForce.h"
#include "openmm/OpenMMException.h"
#include "openmm/PeriodicTorsionForce.h"
#include "openmm/RBTorsionForce.h"

#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <utility>

using namespace OpenMM;

namespace TensorNetPlugin {
namespace {

const std::string GLOBAL_NAME = "lambda_interpolate";

// (chargeProd, sigma, epsilon) of a pair, keyed by (min, max) index as openmm-ml's dictionaries are.
using Interaction = std::tuple<double, double, double>;
using Pair = std::pair<int, int>;

// openmm-ml keeps the forces that have addBond, addAngle or addTorsion (Python's hasattr): these are
// OpenMM's core forces with one of those methods.
bool isBondedForce(const Force& force) {
    return dynamic_cast<const HarmonicBondForce*>(&force) || dynamic_cast<const HarmonicAngleForce*>(&force) ||
           dynamic_cast<const PeriodicTorsionForce*>(&force) || dynamic_cast<const RBTorsionForce*>(&force) ||
           dynamic_cast<const CMAPTorsionForce*>(&force) || dynamic_cast<const CustomBondForce*>(&force) ||
           dynamic_cast<const CustomAngleForce*>(&force) || dynamic_cast<const CustomTorsionForce*>(&force) ||
           dynamic_cast<const CustomCompoundBondForce*>(&force) || dynamic_cast<const CustomCentroidBondForce*>(&force);
}

/** The System's NonbondedForce and its index (-1 when none); openmm-ml's extractNonbondedForce. */
std::pair<NonbondedForce*, int> nonbondedForceOf(const System& system) {
    std::pair<NonbondedForce*, int> found(nullptr, -1);
    for (int i = 0; i < system.getNumForces(); i++) {
        const Force& force = system.getForce(i);
        if (auto* nonbonded = dynamic_cast<const NonbondedForce*>(&force)) {
            if (found.first != nullptr) {
                throw OpenMMException("createMixedSystem: interpolate is unsupported when several NonbondedForces are "
                                      "present (as in openmm-ml): merge them or create the system without interpolate");
            }
            found = {const_cast<NonbondedForce*>(nonbonded), i};
        } else if (dynamic_cast<const CustomNonbondedForce*>(&force)) {
            throw OpenMMException("createMixedSystem: interpolate is unsupported when a CustomNonbondedForce is present "
                                  "(as in openmm-ml): create the system without interpolate");
        }
    }
    return found;
}

std::map<Pair, Interaction> exceptionsOf(const NonbondedForce& force) {
    std::map<Pair, Interaction> exceptions;
    for (int k = 0; k < force.getNumExceptions(); k++) {
        int i, j;
        double chargeProd, sigma, epsilon;
        force.getExceptionParameters(k, i, j, chargeProd, sigma, epsilon);
        exceptions[{std::min(i, j), std::max(i, j)}] = Interaction(chargeProd, sigma, epsilon);
    }
    return exceptions;
}

Interaction interactionOf(const NonbondedForce& force, const std::map<Pair, Interaction>& exceptions, Pair pair) {
    auto exception = exceptions.find(pair);
    if (exception != exceptions.end()) return exception->second;
    double qi, si, ei, qj, sj, ej;
    force.getParticleParameters(pair.first, qi, si, ei);
    force.getParticleParameters(pair.second, qj, sj, ej);
    return Interaction(qi * qj, 0.5 * (si + sj), std::sqrt(ei * ej));
}

bool sameParticleParameters(const NonbondedForce& a, const NonbondedForce& b) {
    if (a.getNumParticles() != b.getNumParticles()) return false;
    for (int i = 0; i < a.getNumParticles(); i++) {
        double qa, sa, ea, qb, sb, eb;
        a.getParticleParameters(i, qa, sa, ea);
        b.getParticleParameters(i, qb, sb, eb);
        if (qa != qb || sa != sb || ea != eb) return false;
    }
    return true;
}

/**
 * openmm-ml's setupNonbonded for identical particle parameters (always the case in the mechanical
 * embedding): a CustomBondForce with the MM minus mixed interaction of every pair whose exceptions differ.
 */
Force* exceptionDifference(const NonbondedForce& mixed, const NonbondedForce& mm) {
    auto* difference = new CustomBondForce("138.935456*chargeProd/r + 4*epsilon*((sigma/r)^12-(sigma/r)^6)");
    difference->setUsesPeriodicBoundaryConditions(mixed.getExceptionsUsePeriodicBoundaryConditions());
    difference->addPerBondParameter("chargeProd");
    difference->addPerBondParameter("sigma");
    difference->addPerBondParameter("epsilon");
    const std::map<Pair, Interaction> mixedExceptions = exceptionsOf(mixed), mmExceptions = exceptionsOf(mm);
    std::map<Pair, bool> pairs;  // the sorted union of both sets of exception pairs
    for (const auto& e : mixedExceptions) pairs[e.first] = true;
    for (const auto& e : mmExceptions) pairs[e.first] = true;
    for (const auto& entry : pairs) {
        const Pair pair = entry.first;
        const Interaction mixedInteraction = interactionOf(mixed, mixedExceptions, pair);
        const Interaction mmInteraction = interactionOf(mm, mmExceptions, pair);
        if (mixedInteraction == mmInteraction) continue;
        double mixedQ, mixedSigma, mixedEpsilon, mmQ, mmSigma, mmEpsilon;
        std::tie(mixedQ, mixedSigma, mixedEpsilon) = mixedInteraction;
        std::tie(mmQ, mmSigma, mmEpsilon) = mmInteraction;
        const double chargeProd = mmQ - mixedQ, epsilon = mmEpsilon - mixedEpsilon;
        double sigma = mmSigma;
        if (mixedEpsilon != 0) {
            if (mmEpsilon != 0 && mixedSigma != mmSigma) {
                delete difference;
                throw OpenMMException("createMixedSystem: unsupported Lennard-Jones exceptions for interpolation "
                                      "(as in openmm-ml): create the system without interpolate");
            }
            sigma = mixedSigma;
        }
        if (chargeProd != 0 || epsilon != 0) difference->addBond(pair.first, pair.second, {chargeProd, sigma, epsilon});
    }
    return difference;
}

class Terms {
public:
    Terms() : cv(new CustomCVForce("")) { cv->addGlobalParameter(GLOBAL_NAME, 1); }

    void addML(Force* force, const std::string& sign = "") { add(force, "mlTerm", sign, ml); }
    void addMM(Force* force) { add(force, "mmTerm", "", mm); }

    /** openmm-ml's setupInterpolation: the energy expression, and the force added to system. */
    void addTo(System& system) {
        std::string energy;
        if (!ml.empty()) energy = GLOBAL_NAME + "*(" + sum(ml) + ")";
        if (!mm.empty()) energy += (energy.empty() ? "" : "+") + ("(1-" + GLOBAL_NAME + ")*(" + sum(mm) + ")");
        cv->setEnergyFunction(energy.empty() ? "0" : energy);
        system.addForce(cv.release());
    }

private:
    void add(Force* force, const std::string& prefix, const std::string& sign, std::vector<std::string>& terms) {
        const std::string name = prefix + std::to_string(terms.size());
        cv->addCollectiveVariable(name, force);
        terms.push_back(sign + name);
    }

    static std::string sum(const std::vector<std::string>& terms) {
        std::string s;
        for (const std::string& term : terms) s += (s.empty() ? "(" : "+(") + term + ")";
        return s;
    }

    std::unique_ptr<CustomCVForce> cv;
    std::vector<std::string> ml, mm;
};

}  // namespace

void addInterpolation(System& mixed, const System& classical, const std::vector<int>& mlAtoms,
                      std::unique_ptr<Force> mlForce, std::unique_ptr<Force> excludeForce) {
    Terms terms;
    terms.addML(mlForce.release());

    // The MM bonded terms inside the ML region (openmm-ml's addMMBondedTerms).
    std::unique_ptr<System> bonded(copyRemovingBondedTerms(classical, mlAtoms, false));
    for (int i = 0; i < bonded->getNumForces(); i++) {
        if (isBondedForce(bonded->getForce(i))) terms.addMM(cloneForce(bonded->getForce(i)));
    }

    // The nonbonded interactions inside the ML region (openmm-ml's setupNonbonded).
    const auto mixedNonbonded = nonbondedForceOf(mixed);
    const auto mmNonbonded = nonbondedForceOf(classical);
    if ((mixedNonbonded.first == nullptr) != (mmNonbonded.first == nullptr)) {
        throw OpenMMException("createMixedSystem: internal error: a NonbondedForce in only one of the MM and mixed systems");
    }
    if (mixedNonbonded.first != nullptr) {
        if (!sameParticleParameters(*mixedNonbonded.first, *mmNonbonded.first)) {
            throw OpenMMException("createMixedSystem: internal error: the mechanical embedding changed particle parameters");
        }
        terms.addMM(exceptionDifference(*mixedNonbonded.first, *mmNonbonded.first));
    }
    if (excludeForce) terms.addML(excludeForce.release(), "-");
    terms.addTo(mixed);
}

}  // namespace TensorNetPlugin

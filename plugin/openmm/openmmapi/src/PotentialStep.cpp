#include "internal/PotentialStep.h"

#include "internal/PotentialConfig.h"
#include "internal/Units.h"

#include "openmm/OpenMMException.h"
#include "openmm/internal/ContextImpl.h"
#include "tensornet4j/Host.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <sstream>

using OpenMM::OpenMMException;
using OpenMM::Vec3;

namespace TensorNetPlugin {

PotentialStep::PotentialStep(const OpenMM::System& system, const TensorNetForce& force)
    : force(force), settings(resolveSettings(force, system)) {
    for (int i = 0; i < force.getNumGlobalParameters(); i++) {
        parameterValues[force.getGlobalParameterName(i)] = force.getGlobalParameterDefaultValue(i);
    }
    modelPositions.resize(3 * settings.particles.size());
    modelForces.resize(3 * settings.particles.size());
    createPotential();
}

PotentialStep::~PotentialStep() = default;

void PotentialStep::createPotential() {
    potential.reset();  // release the old Java object before its replacement loads the weights again
    try {
        potential = std::make_unique<tensornet4j::JavaPotential>(force.getClassName(), config::forPotential(force, parameterValues));
        if (force.getEnergyUnit().empty()) settings.kilojoulesPerEnergy = units::recordedKilojoulesPerMole(potential->energyUnit());
    } catch (const tensornet4j::BridgeError& e) {
        throw OpenMMException(std::string("TensorNetForce: ") + e.what());
    }
}

void PotentialStep::followParameters(OpenMM::ContextImpl& context) {
    bool changed = false;
    for (auto& entry : parameterValues) {
        double current = context.getParameter(entry.first);
        if (current != entry.second) {
            entry.second = current;
            changed = true;
        }
    }
    if (changed || potential == nullptr) createPotential();
}

namespace {
std::atomic<long long> timedSteps{0};
std::atomic<long long> timedNanoseconds{0};

/** Adds the time since it was made to the process-wide total when it goes out of scope. */
struct ScopedTimer {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    ~ScopedTimer() {
        auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
        timedNanoseconds.fetch_add(ns, std::memory_order_relaxed);
    }
};
}  // namespace

/**
 * OpenMM accepts NaN and infinite box vectors (they pass its reduced-form comparisons); the Java side
 * refuses them too, but here the message can name OpenMM's units and the call that sets the box.
 */
void PotentialStep::requireFiniteBox(const Vec3 (&vectors)[3]) {
    for (int row = 0; row < 3; row++) {
        for (int k = 0; k < 3; k++) {
            if (std::isfinite(vectors[row][k])) continue;
            std::ostringstream shown;
            for (int r = 0; r < 3; r++) {
                shown << (r == 0 ? "" : ", ") << "abc"[r] << " = (" << vectors[r][0] << ", " << vectors[r][1] << ", " << vectors[r][2] << ")";
            }
            throw OpenMMException("TensorNetForce: the periodic box vectors are not finite (" + shown.str()
                                  + " nm): set finite ones with Context.setPeriodicBoxVectors (or System.setDefaultPeriodicBoxVectors"
                                  " before creating the Context)");
        }
    }
}

PotentialStep::Timing PotentialStep::totalTiming() {
    return Timing{timedSteps.load(), static_cast<double>(timedNanoseconds.load()) * 1e-9};
}

double PotentialStep::compute(OpenMM::ContextImpl& context, const std::vector<Vec3>& positions) {
    ScopedTimer timer;
    timedSteps.fetch_add(1, std::memory_order_relaxed);
    followParameters(context);
    const double toModel = 1.0 / settings.nanometresPerLength;
    for (size_t i = 0; i < settings.particles.size(); i++) {
        const Vec3& r = positions[settings.particles[i]];
        for (int k = 0; k < 3; k++) modelPositions[3 * i + k] = r[k] * toModel;
    }
    double box[9];
    if (settings.periodic) {
        Vec3 vectors[3];
        context.getPeriodicBoxVectors(vectors[0], vectors[1], vectors[2]);
        requireFiniteBox(vectors);
        for (int row = 0; row < 3; row++) {
            for (int k = 0; k < 3; k++) box[3 * row + k] = vectors[row][k] * toModel;
        }
    }
    try {
        double energy = potential->compute(static_cast<int>(settings.particles.size()), modelPositions.data(),
                                           settings.periodic ? box : nullptr, modelForces.data());
        return energy * settings.kilojoulesPerEnergy;
    } catch (const tensornet4j::BridgeError& e) {
        throw OpenMMException(std::string("TensorNetForce: the Java potential failed: ") + e.what());
    }
}

void PotentialStep::addForces(std::vector<Vec3>& forces) const {
    ScopedTimer timer;
    const double toOpenMM = settings.kilojoulesPerEnergy / settings.nanometresPerLength;
    for (size_t i = 0; i < settings.particles.size(); i++) {
        forces[settings.particles[i]] += Vec3(modelForces[3 * i], modelForces[3 * i + 1], modelForces[3 * i + 2]) * toOpenMM;
    }
}

}  // namespace TensorNetPlugin

#include "internal/PotentialStep.h"

#include "internal/PotentialConfig.h"

#include "openmm/OpenMMException.h"
#include "openmm/internal/ContextImpl.h"
#include "tensornet4j/Host.h"

#include <atomic>
#include <chrono>

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

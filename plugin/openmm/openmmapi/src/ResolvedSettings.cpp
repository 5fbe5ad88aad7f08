#include "internal/ResolvedSettings.h"

#include "internal/Units.h"

#include "openmm/OpenMMException.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <numeric>

using OpenMM::OpenMMException;

namespace TensorNetPlugin {
namespace {

std::vector<int> checkedParticles(const TensorNetForce& force, int numParticles) {
    std::vector<int> particles = force.getParticles();
    if (particles.empty()) {
        particles.resize(numParticles);
        std::iota(particles.begin(), particles.end(), 0);
        return particles;
    }
    std::vector<bool> seen(numParticles, false);
    for (int index : particles) {
        if (index < 0 || index >= numParticles) {
            throw OpenMMException("TensorNetForce: particle index " + std::to_string(index) + " in setParticles is out of range (the System has " +
                                  std::to_string(numParticles) + " particles)");
        }
        if (seen[index]) throw OpenMMException("TensorNetForce: particle " + std::to_string(index) + " appears twice in setParticles");
        seen[index] = true;
    }
    return particles;
}

void checkAtomicNumbers(const TensorNetForce& force, size_t numParticles) {
    size_t count = force.getAtomicNumbers().size();
    if (count == numParticles) return;
    std::string target = force.getParticles().empty() ? "particles in the System" : "particles in setParticles";
    throw OpenMMException("TensorNetForce: " + std::to_string(count) + " atomic numbers for " + std::to_string(numParticles) + " " + target +
                          "; give one atomic number per particle the force applies to");
}

/** The Java side would also fail, but later and with less context: check the file here. */
void checkCheckpointReadable(const TensorNetForce& force) {
    std::string path = force.getCheckpoint();
    if (path.empty()) return;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw OpenMMException("TensorNetForce: cannot read the checkpoint " + path + ": " + std::strerror(errno));
}

}  // namespace

ResolvedSettings resolveSettings(const TensorNetForce& force, const OpenMM::System& system) {
    ResolvedSettings settings;
    // No unit set: the checkpoint's own (energy_unit), read once the potential has loaded (PotentialStep).
    settings.kilojoulesPerEnergy = force.getEnergyUnit().empty() ? 0.0 : units::kilojoulesPerMole(force.getEnergyUnit());
    settings.nanometresPerLength = force.getLengthScale();
    settings.periodic = force.usesPeriodicBoundaryConditions();
    settings.particles = checkedParticles(force, system.getNumParticles());
    checkAtomicNumbers(force, settings.particles.size());
    checkCheckpointReadable(force);
    return settings;
}

}  // namespace TensorNetPlugin

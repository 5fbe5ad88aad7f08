#include "Coupling.h"

#include <tensornet4j/tensornet4j.h>

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace tn4j::lammps {

namespace {
std::runtime_error modelError(const std::string& what) {
    return std::runtime_error(what + ": " + tn4j_last_error());
}
}  // namespace

Coupling::Coupling(const Settings& settings, const std::string& lammpsUnitStyle, int numTypes)
    : settings_(settings) {
    if (static_cast<int>(settings.atomicNumbers.size()) != numTypes) {
        throw std::invalid_argument("the tensornet4j command names " + std::to_string(settings.atomicNumbers.size()) +
                                    " element(s) but the box has " + std::to_string(numTypes) +
                                    " atom type(s); give one element per atom type, in type order");
    }
    // Refuse an unsupported unit style before the JVM starts: the cheap error first.
    unitConversion(lammpsUnitStyle, "eV");
    potential_ = tn4j_create(settings.className.c_str(), settings.configJson().c_str());
    if (potential_ == nullptr) throw modelError("the potential could not be created");
    const char* unit = tn4j_energy_unit(potential_);
    if (unit == nullptr) {
        std::runtime_error error = modelError("the model's energy unit could not be read");
        tn4j_release(potential_);
        throw error;
    }
    modelEnergyUnit_ = unit;
    try {
        units_ = unitConversion(lammpsUnitStyle, modelEnergyUnit_);
    } catch (...) {
        tn4j_release(potential_);
        throw;
    }
}

Coupling::~Coupling() { tn4j_release(potential_); }

double Coupling::cutoff() const {
    double value = 0.0;
    if (tn4j_cutoff(potential_, &value) != 0) throw modelError("the model's cutoff could not be read");
    return value * units_.length;
}

double Coupling::receptiveField() const {
    double value = 0.0;
    if (tn4j_receptive_field(potential_, &value) != 0) throw modelError("the model's receptive field could not be read");
    return value * units_.length;
}

void Coupling::boxRows(const Box& box, double rows[9]) const {
    const double toAngstrom = 1.0 / units_.length;
    const double values[9] = {box.hi[0] - box.lo[0], 0, 0, box.xy, box.hi[1] - box.lo[1], 0,
                              box.xz, box.yz, box.hi[2] - box.lo[2]};
    for (int k = 0; k < 9; k++) rows[k] = values[k] * toAngstrom;
}

StepResult Coupling::compute(const Frame& frame, double* const* forces, double* atomEnergies) {
    using clock = std::chrono::steady_clock;
    const auto computeStart = clock::now();
    const int n = frame.numAtoms;
    const int periodicCount = frame.box.periodic[0] + frame.box.periodic[1] + frame.box.periodic[2];
    if (periodicCount != 0 && periodicCount != 3) {
        throw std::runtime_error("the box is periodic in " + std::to_string(periodicCount) +
                                 " of 3 directions; tensornet4j needs 'boundary p p p' or a box that is not "
                                 "periodic at all ('boundary f f f' or s)");
    }
    const bool periodic = periodicCount == 3;
    numbers_.resize(n);
    positions_.resize(3 * static_cast<size_t>(n));
    forces_.resize(3 * static_cast<size_t>(n));
    const double toAngstrom = 1.0 / units_.length;
    for (int i = 0; i < n; i++) {
        int type = frame.types[i];
        if (type < 1 || type > static_cast<int>(settings_.atomicNumbers.size())) {
            throw std::runtime_error("atom type " + std::to_string(type) + " has no element in the tensornet4j command");
        }
        numbers_[i] = settings_.atomicNumbers[type - 1];
        for (int k = 0; k < 3; k++) positions_[3 * i + k] = frame.x[i][k] * toAngstrom;
    }
    double box[9];
    if (periodic) boxRows(frame.box, box);

    StepResult result;
    double virial[9];
    if (atomEnergies != nullptr) atomEnergies_.resize(n);
    double energy = 0.0;
    const auto evaluateStart = clock::now();
    if (tn4j_evaluate(potential_, n, numbers_.data(), positions_.data(), periodic ? box : nullptr, &settings_.charge,
                      &energy, forces_.data(), virial, atomEnergies != nullptr ? atomEnergies_.data() : nullptr) != 0) {
        throw modelError("the model failed");
    }
    timing_.evaluateSeconds += std::chrono::duration<double>(clock::now() - evaluateStart).count();
    result.energy = energy * units_.energy;
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < 3; k++) forces[i][k] = forces_[3 * i + k] * units_.force();
        if (atomEnergies != nullptr) atomEnergies[i] = atomEnergies_[i] * units_.energy;
    }
    // Row-major W -> LAMMPS's xx, yy, zz, xy, xz, yz (W is symmetric for a rotation-invariant model; the
    // mean of the two off-diagonal entries keeps rounding out of the stress).
    result.virial[0] = virial[0] * units_.energy;
    result.virial[1] = virial[4] * units_.energy;
    result.virial[2] = virial[8] * units_.energy;
    result.virial[3] = 0.5 * (virial[1] + virial[3]) * units_.energy;
    result.virial[4] = 0.5 * (virial[2] + virial[6]) * units_.energy;
    result.virial[5] = 0.5 * (virial[5] + virial[7]) * units_.energy;
    timing_.calls++;
    timing_.computeSeconds += std::chrono::duration<double>(clock::now() - computeStart).count();
    return result;
}

}  // namespace tn4j::lammps

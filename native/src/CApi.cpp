#include "tensornet4j/tensornet4j.h"

#include "tensornet4j/Host.h"

#include "CudaContextRule.h"

#include <new>
#include <string>

struct tn4j_potential {
    tensornet4j::JavaPotential java;
    /** What tn4j_energy_unit returned last: the string lives as long as the potential. */
    std::string energyUnit;
};

namespace {
thread_local std::string lastError;

template <typename Call>
bool guarded(Call call) {
    try {
        call();
        lastError.clear();
        return true;
    } catch (const std::exception& e) {
        lastError = e.what();
    } catch (...) {
        lastError = "unknown native error";
    }
    return false;
}
/** A required argument that is NULL: the error names it and says what to pass. */
void require(const void* argument, const char* name, const char* fix) {
    if (argument == nullptr) throw tensornet4j::BridgeError(std::string(name) + " is NULL; " + fix);
}

void requirePotential(const tn4j_potential* potential) {
    require(potential, "potential", "pass the pointer tn4j_create returned (and check that it did not return NULL)");
}
}  // namespace

extern "C" {

tn4j_potential* tn4j_create(const char* class_name, const char* config) {
    tn4j_potential* created = nullptr;
    guarded([&] {
        if (class_name == nullptr) {
            throw tensornet4j::BridgeError("class_name is NULL; pass a Java class name such as \"org.tensornet4j.TensorNetPotential\"");
        }
        if (config == nullptr) {
            throw tensornet4j::BridgeError(
                "config is NULL; pass a JSON object such as {\"checkpoint\": \"model.ckpt\", \"atomic_numbers\": [8, 1, 1]}");
        }
        created = new tn4j_potential{tensornet4j::JavaPotential(class_name, config), std::string()};
    });
    return created;
}

int tn4j_compute(tn4j_potential* potential, int num_particles, const double* positions, const double* box,
                 double* forces, double* energy) {
    bool ok = guarded([&] {
        if (potential == nullptr) throw tensornet4j::BridgeError("potential must not be NULL");
        if (positions == nullptr || forces == nullptr || energy == nullptr) {
            throw tensornet4j::BridgeError("positions, forces and energy must not be NULL");
        }
        *energy = potential->java.compute(num_particles, positions, box, forces);
    });
    return ok ? 0 : -1;
}

int tn4j_evaluate(tn4j_potential* potential, int num_atoms, const int* atomic_numbers, const double* positions,
                  const double* box, const double* total_charge, double* energy, double* forces, double* virial,
                  double* atom_energies) {
    bool ok = guarded([&] {
        requirePotential(potential);
        if (num_atoms <= 0) {
            throw tensornet4j::BridgeError("num_atoms is " + std::to_string(num_atoms) + "; pass the number of atoms (at least 1)");
        }
        require(positions, "positions", "pass num_atoms x 3 doubles (Angstrom)");
        require(energy, "energy", "pass the address of a double to receive the energy");
        require(forces, "forces", "pass room for num_atoms x 3 doubles (the forces are always computed)");
        *energy = potential->java.evaluate(num_atoms, atomic_numbers, positions, box, total_charge, forces, virial, atom_energies);
    });
    return ok ? 0 : -1;
}

int tn4j_compute_on_device(tn4j_potential* potential, int num_particles, int precision, const void* positions,
                           const void* box, void* forces, int add_forces, double* energy, int device_index, void* stream) {
    bool ok = guarded([&] {
        requirePotential(potential);
        if (num_particles <= 0) {
            throw tensornet4j::BridgeError("num_particles is " + std::to_string(num_particles) + "; pass the number of particles (at least 1)");
        }
        if (precision != TN4J_FLOAT32 && precision != TN4J_FLOAT64) {
            throw tensornet4j::BridgeError("precision is " + std::to_string(precision) +
                                           "; pass TN4J_FLOAT32 (0) or TN4J_FLOAT64 (1), the buffers' element type");
        }
        require(positions, "positions", "pass a device pointer to num_particles x 3 values (Angstrom)");
        require(forces, "forces", "pass a device pointer to num_particles x 3 values");
        if (device_index < 0) {
            throw tensornet4j::BridgeError("device_index is " + std::to_string(device_index) + "; pass the CUDA device that holds the buffers");
        }
        tensornet4j::requirePrimaryContext(device_index);
        if (!potential->java.computeOnDevice(num_particles, precision, positions, box, forces, add_forces != 0, energy,
                                             device_index, stream)) {
            throw tensornet4j::BridgeError("this potential runs on the CPU and cannot take device buffers: create it on the GPU"
                                           " (\"device\": \"cuda:" + std::to_string(device_index) +
                                           "\" in its config, docs/gpu.md), or copy to host memory and call tn4j_compute");
        }
    });
    return ok ? 0 : -1;
}

int tn4j_cutoff(tn4j_potential* potential, double* cutoff) {
    bool ok = guarded([&] {
        requirePotential(potential);
        require(cutoff, "cutoff", "pass the address of a double to receive the cutoff");
        *cutoff = potential->java.cutoff();
    });
    return ok ? 0 : -1;
}

int tn4j_receptive_field(tn4j_potential* potential, double* receptive_field) {
    bool ok = guarded([&] {
        requirePotential(potential);
        require(receptive_field, "receptive_field", "pass the address of a double to receive the receptive field");
        *receptive_field = potential->java.receptiveField();
    });
    return ok ? 0 : -1;
}

const char* tn4j_energy_unit(tn4j_potential* potential) {
    bool ok = guarded([&] {
        requirePotential(potential);
        potential->energyUnit = potential->java.energyUnit();
    });
    return ok ? potential->energyUnit.c_str() : nullptr;
}

void tn4j_release(tn4j_potential* potential) {
    delete potential;
}

const char* tn4j_last_error(void) {
    return lastError.c_str();
}

}  // extern "C"

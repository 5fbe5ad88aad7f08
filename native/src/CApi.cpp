#include "tensornet4j/tensornet4j.h"

#include "tensornet4j/Host.h"

#include <new>
#include <string>

struct tn4j_potential {
    tensornet4j::JavaPotential java;
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
        created = new tn4j_potential{tensornet4j::JavaPotential(class_name, config)};
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

void tn4j_release(tn4j_potential* potential) {
    delete potential;
}

const char* tn4j_last_error(void) {
    return lastError.c_str();
}

}  // extern "C"

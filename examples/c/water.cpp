// The C++ form of water.c: tensornet4j::JavaPotential (tensornet4j/Host.h) owns a Java potential and
// throws tensornet4j::BridgeError, whose what() carries the Java message, when a call fails.
//
//   water_cpp [CHECKPOINT]        (default: examples/models/default.ckpt; run from the repository root)
//
// Build and run: see examples/c/README.md. Units: Angstrom; energy in the model's unit (eV for the
// shipped model), forces in that unit per Angstrom.
#include <tensornet4j/Host.h>

#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::string checkpoint = argc > 1 ? argv[1] : "examples/models/default.ckpt";
    std::string config = R"({"checkpoint": ")" + checkpoint + R"(", "atomic_numbers": [8, 1, 1], "charge": 0})";
    try {
        tensornet4j::JavaPotential potential("org.tensornet4j.TensorNetPotential", config);
        std::vector<double> positions = {0.0, 0.0, 0.0, 0.96, 0.0, 0.0, -0.24, 0.93, 0.0};  // O, H, H in Angstrom
        std::vector<double> forces(positions.size());
        double energy = potential.compute(3, positions.data(), nullptr /* no periodic box */, forces.data());
        std::printf("energy %.6f\n", energy);
        for (int i = 0; i < 3; i++) std::printf("force on atom %d: %9.5f %9.5f %9.5f\n", i, forces[3 * i], forces[3 * i + 1], forces[3 * i + 2]);
    } catch (const tensornet4j::BridgeError& e) {
        std::fprintf(stderr, "tensornet4j: %s\n", e.what());
        return 1;
    }
    return 0;
}

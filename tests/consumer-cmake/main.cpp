// consumer CHECKPOINT REFERENCE_JSON: TensorNet through the installed C ABI on the reference's molecule;
// prints the energy and exits 0 only when energy and forces are finite and equal TorchMD-Net's reference
// (tests/fixtures: z, pos and box in Angstrom, energy in the model's unit; float32 models to 1e-5 relative).
#include <tensornet4j/tensornet4j.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: consumer CHECKPOINT REFERENCE_JSON\n");
        return 2;
    }
    std::ifstream in(argv[2]);
    nlohmann::json ref = nlohmann::json::parse(in);
    nlohmann::json config = {{"checkpoint", argv[1]}, {"atomic_numbers", ref["z"]}};
    int n = static_cast<int>(ref["z"].size());
    std::vector<double> positions, box, forces(3 * n);
    for (auto& row : ref["pos"]) for (auto& v : row) positions.push_back(v.get<double>());
    if (!ref["box"].is_null()) for (auto& row : ref["box"]) for (auto& v : row) box.push_back(v.get<double>());

    tn4j_potential* potential = tn4j_create("org.tensornet4j.TensorNetPotential", config.dump().c_str());
    if (potential == nullptr) {
        std::fprintf(stderr, "tn4j_create failed: %s\n", tn4j_last_error());
        return 1;
    }
    double energy = NAN;
    if (tn4j_compute(potential, n, positions.data(), box.empty() ? nullptr : box.data(), forces.data(), &energy) != 0) {
        std::fprintf(stderr, "tn4j_compute failed: %s\n", tn4j_last_error());
        return 1;
    }
    tn4j_release(potential);

    double expected = ref["energy"][0].get<double>();
    double worst = 0, largest = 0;
    bool finite = std::isfinite(energy);
    for (int i = 0; i < 3 * n; i++) {
        double r = ref["forces"][i / 3][i % 3].get<double>();
        finite = finite && std::isfinite(forces[i]);
        largest = std::max(largest, std::fabs(r));
        worst = std::max(worst, std::fabs(forces[i] - r));
    }
    bool f64 = ref["dtype"] == "float64";
    double tolerance = f64 ? 1e-9 : 1e-5;
    bool energyOk = std::fabs(energy - expected) <= tolerance * std::max(1.0, std::fabs(expected));
    bool forcesOk = worst <= 10 * tolerance * std::max(1.0, largest);
    std::printf("energy %.9f (reference %.9f), %d atoms, largest force deviation %.3g\n", energy, expected, n, worst);
    if (!finite || !energyOk || !forcesOk) {
        std::fprintf(stderr, "FAILED: %s\n", !finite ? "non-finite result" : !energyOk ? "energy differs from the reference"
                                                                           : "forces differ from the reference");
        return 1;
    }
    std::printf("ok\n");
    return 0;
}

/* A standalone C engine using tensornet4j through its C ABI: load the shipped TensorNet checkpoint,
 * compute the energy and forces of a water molecule, and show how an error is reported.
 *
 *   water [CHECKPOINT]        (default: examples/models/default.ckpt; run from the repository root)
 *
 * Build and run: see examples/c/README.md (with find_package(TensorNet4j) or a plain cc line).
 * Units: positions and box in Angstrom; energy in the model's unit (eV for the shipped model), forces in
 * that unit per Angstrom. */
#include <tensornet4j/tensornet4j.h>

#include <stdio.h>

int main(int argc, char** argv) {
    const char* checkpoint = argc > 1 ? argv[1] : "examples/models/default.ckpt";
    /* The configuration is JSON: the bridge reads atomic_numbers and charge, the Java class the rest
     * (checkpoint, device, hyperparameters: TorchMD-Net load_model overrides). */
    char config[1024];
    snprintf(config, sizeof config, "{\"checkpoint\": \"%s\", \"atomic_numbers\": [8, 1, 1], \"charge\": 0}", checkpoint);

    tn4j_potential* potential = tn4j_create("org.tensornet4j.TensorNetPotential", config);
    if (potential == NULL) {
        fprintf(stderr, "tn4j_create failed: %s\n", tn4j_last_error());
        return 1;
    }

    double positions[9] = {0.0, 0.0, 0.0, 0.96, 0.0, 0.0, -0.24, 0.93, 0.0}; /* O, H, H in Angstrom */
    double forces[9];
    double energy = 0.0;
    if (tn4j_compute(potential, 3, positions, NULL /* no periodic box */, forces, &energy) != 0) {
        fprintf(stderr, "tn4j_compute failed: %s\n", tn4j_last_error());
        tn4j_release(potential);
        return 1;
    }
    printf("energy %.6f\n", energy);
    for (int i = 0; i < 3; i++) printf("force on atom %d: %9.5f %9.5f %9.5f\n", i, forces[3 * i], forces[3 * i + 1], forces[3 * i + 2]);

    /* A bad step is an error code plus a message naming the problem; the potential stays usable. */
    double clash[9] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.24, 0.93, 0.0}; /* two atoms on the same spot */
    if (tn4j_compute(potential, 3, clash, NULL, forces, &energy) != 0) printf("as expected, an error: %s\n", tn4j_last_error());

    tn4j_release(potential);
    return 0;
}

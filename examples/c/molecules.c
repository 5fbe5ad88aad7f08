/* The C ABI's second generation (tn4j_evaluate and the queries), as an engine whose atoms change between
 * calls uses it (ASE, LAMMPS, i-PI): one potential created without "atomic_numbers", then a water
 * molecule and an ammonia molecule, each with its atomic numbers and total charge per call, asking for the
 * virial and the per-atom energies too.
 *
 *   molecules [CHECKPOINT]    (default: examples/models/default.ckpt; run from the repository root)
 *
 * Build and run: see examples/c/README.md. Units: Angstrom, and the model's energy unit (tn4j_energy_unit). */
#include <tensornet4j/tensornet4j.h>

#include <stdio.h>

/* Energy and forces of one molecule, plus the virial and the atom energies when the potential computes them
 * (a potential that does not refuses the request with a message: then ask for energy and forces only). */
static int evaluate(tn4j_potential* potential, const char* name, int n, const int* z, const double* positions,
                    double charge, const char* unit) {
    double energy = 0.0, forces[3 * 8], virial[9], atom_energies[8];
    int has_extras = tn4j_evaluate(potential, n, z, positions, NULL /* no box */, &charge, &energy, forces, virial,
                                   atom_energies) == 0;
    if (!has_extras) {
        printf("%s: no virial / atom energies (%s)\n", name, tn4j_last_error());
        if (tn4j_evaluate(potential, n, z, positions, NULL, &charge, &energy, forces, NULL, NULL) != 0) {
            fprintf(stderr, "tn4j_evaluate failed for %s: %s\n", name, tn4j_last_error());
            return 1;
        }
    }
    printf("%s: %d atoms, energy %.6f %s, force on atom 0: %.5f %.5f %.5f\n", name, n, energy, unit, forces[0], forces[1],
           forces[2]);
    if (has_extras) printf("%s: virial diagonal %.5f %.5f %.5f, energy of atom 0 %.6f\n", name, virial[0], virial[4], virial[8],
                           atom_energies[0]);
    return 0;
}

int main(int argc, char** argv) {
    const char* checkpoint = argc > 1 ? argv[1] : "examples/models/default.ckpt";
    /* No "atomic_numbers": each tn4j_evaluate passes its own. "energy_unit" states the unit the model was
     * trained in (TorchMD-Net checkpoints do not record it; the shipped model's is eV). */
    char config[1024];
    snprintf(config, sizeof config, "{\"checkpoint\": \"%s\", \"energy_unit\": \"eV\"}", checkpoint);
    tn4j_potential* potential = tn4j_create("org.tensornet4j.TensorNetPotential", config);
    if (potential == NULL) {
        fprintf(stderr, "tn4j_create failed: %s\n", tn4j_last_error());
        return 1;
    }
    double cutoff = 0.0, receptive_field = 0.0;
    const char* unit = tn4j_energy_unit(potential);
    if (tn4j_cutoff(potential, &cutoff) != 0 || tn4j_receptive_field(potential, &receptive_field) != 0 || unit == NULL) {
        fprintf(stderr, "query failed: %s\n", tn4j_last_error());
        tn4j_release(potential);
        return 1;
    }
    printf("cutoff %.2f A, receptive field %.2f A, energy unit %s\n", cutoff, receptive_field, unit);

    const int water_z[3] = {8, 1, 1};
    const double water[9] = {0.0, 0.0, 0.0, 0.96, 0.0, 0.0, -0.24, 0.93, 0.0};
    const int ammonia_z[4] = {7, 1, 1, 1};
    const double ammonia[12] = {0.0, 0.0, 0.0, 1.01, 0.0, 0.0, -0.34, 0.95, 0.0, -0.34, -0.48, 0.82};
    int failed = evaluate(potential, "water", 3, water_z, water, 0.0, unit)
                 || evaluate(potential, "ammonia", 4, ammonia_z, ammonia, 0.0, unit);
    tn4j_release(potential);
    return failed;
}

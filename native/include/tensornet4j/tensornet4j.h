#ifndef TENSORNET4J_C_H_
#define TENSORNET4J_C_H_

/* C ABI for engines that are not C++: create a Java potential, compute, release.
 * Units: Angstrom and the model's energy unit (see ForceComputation.h). Thread-safety: one potential
 * may be used by one thread at a time; different potentials may be used concurrently. */

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tn4j_potential tn4j_potential;

/** config: a JSON object (not NULL). Returns NULL on failure; tn4j_last_error() then says why. */
tn4j_potential* tn4j_create(const char* class_name, const char* config);

/** Returns 0 on success, -1 on failure (tn4j_last_error() says why; the potential stays usable).
 * box: 9 finite doubles (rows a, b, c), or NULL when not periodic. A box that is not finite, and an
 * energy or force that the potential returns non-finite, are failures, never a success. */
int tn4j_compute(tn4j_potential* potential, int num_particles, const double* positions, const double* box,
                 double* forces, double* energy);

/* ---- Second generation (tn4j_evaluate and the queries): engines whose atoms change between calls,
 * that pass the total charge per call and may ask for the virial and per-atom energies (ASE, LAMMPS,
 * i-PI). Created with tn4j_create as above; the config's "atomic_numbers" is then optional (per call
 * instead), and tn4j_compute refuses a potential created without them. */

/** Energy, forces and, on request, the virial and per-atom energies of one configuration.
 * atomic_numbers: num_atoms ints, or NULL to use the config's (then num_atoms must match them).
 * positions: num_atoms x 3 doubles, Angstrom. box: 9 finite doubles (rows a, b, c) or NULL.
 * total_charge: pointer to the system's total charge (elementary charges), or NULL for the config's
 * "charge" (else neutral). energy: out, required. forces: out, num_atoms x 3 (-dE/dpos), required.
 * virial: out, 9 doubles row-major, W = -sum over pairs of r_ij (x) dE/dr_ij (periodic images
 * included; stress = -W / volume), or NULL when not wanted. atom_energies: out, num_atoms doubles
 * adding up to the energy, or NULL when not wanted. Units: the model's energy unit and Angstrom.
 * Returns 0 on success, -1 on failure (tn4j_last_error() says why; the potential stays usable). */
int tn4j_evaluate(tn4j_potential* potential, int num_atoms, const int* atomic_numbers, const double* positions,
                  const double* box, const double* total_charge, double* energy, double* forces, double* virial,
                  double* atom_energies);

/* ---- Device buffers (GPU engines; ForceComputation::computeOnDevice is the C++ twin): positions, box and
 * forces stay in the engine's CUDA memory, the potential wraps them without copying and runs on the engine's
 * stream, and nothing synchronises the device except reading the energy back when asked. Needs a potential
 * created on a CUDA device ("device": "cuda:N" in its config; see docs/gpu.md for what runs there today). */

#define TN4J_FLOAT32 0
#define TN4J_FLOAT64 1

/** One step on device buffers of CUDA device device_index.
 * precision: TN4J_FLOAT32 or TN4J_FLOAT64, the element type of positions, box and forces.
 * positions: device pointer, num_particles x 3 values, Angstrom. box: device pointer to 9 values (rows
 * a, b, c) or NULL when not periodic. forces: device pointer, num_particles x 3 values; -dE/dpos is added
 * to them when add_forces is non-zero, else written over them. energy: host pointer that receives the
 * energy (the call then waits for it), or NULL to leave it on the device unread (no synchronisation).
 * stream: the engine's cudaStream_t, or NULL for the legacy default stream.
 * Context rule: the calling thread's current CUDA context must be none or the device's primary context
 * (LibTorch's); an engine with its own context pushes the primary one around the call (cuDevicePrimaryCtxRetain,
 * cuCtxPushCurrent, ..., cuCtxPopCurrent) and passes a stream of that context. The call checks the rule.
 * Returns 0 on success, -1 on failure (tn4j_last_error() says why: no CUDA driver, a wrong context, a
 * potential that runs on the CPU, ...). */
int tn4j_compute_on_device(tn4j_potential* potential, int num_particles, int precision, const void* positions,
                           const void* box, void* forces, int add_forces, double* energy, int device_index, void* stream);

/** The interaction cutoff in Angstrom (infinity for an all-pairs term); 0 on success, -1 on failure. */
int tn4j_cutoff(tn4j_potential* potential, double* cutoff);

/** How far an atom's position reaches into the energy in Angstrom ((layers + 1) x cutoff for
 * TensorNet): the ghost-atom depth a domain decomposition would need. 0 on success, -1 on failure. */
int tn4j_receptive_field(tn4j_potential* potential, double* receptive_field);

/** The model's energy unit ("eV", "kJ/mol", ...): the config's "energy_unit", else what the
 * checkpoint records, else "" when unknown. The string lives as long as the potential. NULL on failure. */
const char* tn4j_energy_unit(tn4j_potential* potential);

/** Releases the potential (NULL is ignored). */
void tn4j_release(tn4j_potential* potential);

/** The last error message of the calling thread ("" if none). */
const char* tn4j_last_error(void);

#ifdef __cplusplus
}
#endif

#endif

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

/** Releases the potential (NULL is ignored). */
void tn4j_release(tn4j_potential* potential);

/** The last error message of the calling thread ("" if none). */
const char* tn4j_last_error(void);

#ifdef __cplusplus
}
#endif

#endif

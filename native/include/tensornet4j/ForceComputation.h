#ifndef TENSORNET4J_FORCE_COMPUTATION_H_
#define TENSORNET4J_FORCE_COMPUTATION_H_

// The per-step contract between an MD engine and a potential written in Java.
//
// Java implements this class (JavaCPP @Virtual subclass, see java/bridge); engines hold a pointer
// obtained from tensornet4j::Host (C++) or tn4j_create (C) and call compute() (fixed atoms) or
// evaluate() (atoms per call, optional outputs) every step. The queries (cutoff, receptive field,
// energy unit) go through tensornet4j::JavaPotential (Host.h). Units are
// the potential's own: positions and box in Angstrom, energy in the model's energy unit, forces in
// energy unit per Angstrom. Engine adapters convert with explicit scales.

namespace tensornet4j {

class ForceComputation {
public:
    virtual ~ForceComputation() {}

    /**
     * Energy and forces for one configuration.
     *
     * @param numParticles number of particles (fixed for the lifetime of the object)
     * @param positions    numParticles x 3 doubles, row-major, Angstrom
     * @param box          9 doubles, rows a, b, c of the periodic box in Angstrom, or nullptr
     * @param forces       numParticles x 3 doubles written by the call (-dE/dpos)
     * @return the energy (sum over all molecules)
     *
     * Errors are thrown as std::exception whose what() carries the Java message.
     */
    virtual double compute(int numParticles, const double* positions, const double* box, double* forces) = 0;

    /**
     * Second generation (tn4j_evaluate): energy, forces and, on request, the virial and per-atom energies of
     * one configuration whose atoms may differ from the previous call's (count and elements).
     *
     * @param numAtoms      number of atoms of this call (may change from call to call)
     * @param atomicNumbers numAtoms ints, or nullptr for the configuration's "atomic_numbers" (then
     *                      numAtoms must equal their count)
     * @param positions     numAtoms x 3 doubles, row-major, Angstrom
     * @param box           9 doubles, rows a, b, c in Angstrom, or nullptr when not periodic
     * @param totalCharge   the system's total charge (elementary charges), or nullptr for the
     *                      configuration's "charge" (else neutral)
     * @param forces        numAtoms x 3 doubles written by the call (-dE/dpos)
     * @param virial        9 doubles row-major written by the call (W = -sum r_ij (x) dE/dr_ij), or nullptr
     *                      when not wanted
     * @param atomEnergies  numAtoms doubles written by the call (adding up to the energy), or nullptr
     *                      when not wanted
     * @return the energy
     *
     * Errors are thrown as std::exception whose what() carries the Java message.
     */
    virtual double evaluate(int numAtoms, const int* atomicNumbers, const double* positions, const double* box,
                            const double* totalCharge, double* forces, double* virial, double* atomEnergies) = 0;

    /**
     * Device variant for GPU engines (tn4j_compute_on_device is its C twin): positions, box and forces stay in
     * the engine's memory on CUDA device `deviceIndex`; the potential wraps them without copying and enqueues
     * its work on the engine's `stream`, so neither side synchronises the device, except to hand back the
     * energy when `energy` is not nullptr.
     *
     * Context rule: LibTorch works in the device's primary context. The calling thread's current CUDA
     * context must be none or that primary context; an engine with its own driver-API context pushes the
     * primary one (cuDevicePrimaryCtxRetain + cuCtxPushCurrent) around the call, and `stream` must belong
     * to it. tn4j_compute_on_device checks this rule.
     *
     * @param numParticles number of particles (fixed for the lifetime of the object)
     * @param precision    the buffers' element type: 0 float32, 1 float64 (TN4J_FLOAT32, TN4J_FLOAT64)
     * @param positions    device pointer, numParticles x 3 values, row-major, Angstrom
     * @param box          device pointer, 9 values (rows a, b, c, Angstrom), or nullptr when not periodic
     * @param forces       device pointer, numParticles x 3 values: -dE/dpos added to them when addForces,
     *                     else written over them
     * @param energy       host pointer receiving the energy (this waits for it), or nullptr: not read back
     * @param deviceIndex  the CUDA device of the buffers
     * @param stream       the engine's cudaStream_t (nullptr: the legacy default stream)
     * @return false when the potential only works on host memory (it runs on the CPU): the engine then
     *         copies to the host and calls compute()
     *
     * Errors are thrown as std::exception whose what() carries the Java message.
     */
    virtual bool computeOnDevice(int numParticles, int precision, const void* positions, const void* box, void* forces,
                                 bool addForces, double* energy, int deviceIndex, void* stream) {
        (void) numParticles; (void) precision; (void) positions; (void) box; (void) forces; (void) addForces;
        (void) energy; (void) deviceIndex; (void) stream;
        return false;
    }
};

}  // namespace tensornet4j

#endif

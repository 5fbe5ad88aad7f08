#ifndef TENSORNET4J_KERNELS_GPU_ENGINE_LAYOUTS_H_
#define TENSORNET4J_KERNELS_GPU_ENGINE_LAYOUTS_H_

// The index logic between an MD engine's device buffers and the potential's [N,3] tensors, written once
// for the CUDA kernels (EngineLayouts.cu, one thread per atom) and for their CPU twins (the loops at the
// end, which the ctest test_engine_layouts checks against hand-built OpenMM-like layouts without a GPU).
//
// The engine layout is OpenMM's CUDA platform's:
//   posq          paddedCount x 4 reals (x, y, z, charge), float4 or double4; slot s holds atom atomIndex[s]
//                 (OpenMM reorders atoms for locality); slots numAtoms..paddedCount-1 are padding, never read.
//   atomIndex     numAtoms ints: the original index of the atom in slot s.
//   forceBuffer   3 x paddedCount 64-bit fixed-point integers, x components of every slot, then y, then z
//                 (value = round-toward-zero(f * 2^32)), to which every force adds with wraparound.
// The potential's side is a persistent [numAtoms, 3] row-major tensor in the original atom order.
// Scales convert units (e.g. OpenMM's nm to Angstrom: positionScale 10; eV/A to kJ/mol/nm: forceScale 964.85).

#include <cstdint>

#if defined(__CUDACC__)
#define TN4J_HOST_DEVICE __host__ __device__ __forceinline__
#else
#define TN4J_HOST_DEVICE inline
#endif

namespace tensornet4j {
namespace kernels {

// OpenMM's fixed-point scale: forces are stored as integers in units of 2^-32.
constexpr double kFixedPointScale = 4294967296.0;

// OpenMM's realToFixedPoint: the product in the engine's precision R (float on the mixed and single
// platforms, double on the double one), truncated toward zero, as static_cast does.
template <typename R>
TN4J_HOST_DEVICE long long to_fixed_point(R value) {
    return static_cast<long long>(value * static_cast<R>(kFixedPointScale));
}

TN4J_HOST_DEVICE double from_fixed_point(long long value) {
    return static_cast<double>(value) / kFixedPointScale;
}

// Adds as the GPU's atomicAdd on unsigned long long does: two's complement wraparound, no signed overflow.
TN4J_HOST_DEVICE long long add_wrapping(long long a, long long b) {
    return static_cast<long long>(static_cast<unsigned long long>(a) + static_cast<unsigned long long>(b));
}

// Slot s of posq (R = the engine's real, 4 per slot) to row atomIndex[s] of positions (T = the model's dtype).
template <typename R, typename T>
TN4J_HOST_DEVICE void gather_slot(int slot, const R* posq, const int* atomIndex, T positionScale, T* positions) {
    const int atom = atomIndex ? atomIndex[slot] : slot;
    const R* p = posq + 4 * slot;
    positions[3 * atom + 0] = static_cast<T>(p[0]) * positionScale;
    positions[3 * atom + 1] = static_cast<T>(p[1]) * positionScale;
    positions[3 * atom + 2] = static_cast<T>(p[2]) * positionScale;
}

// Row atomIndex[s] of forces (T) added to slot s of the fixed-point buffer, converted in the engine's real R.
template <typename R, typename T>
TN4J_HOST_DEVICE void scatter_slot_fixed_point(int slot, const T* forces, const int* atomIndex, T forceScale,
                                               int paddedCount, long long* forceBuffer) {
    const int atom = atomIndex ? atomIndex[slot] : slot;
    for (int k = 0; k < 3; ++k) {
        const R f = static_cast<R>(forces[3 * atom + k] * forceScale);
        long long& cell = forceBuffer[slot + k * paddedCount];
        cell = add_wrapping(cell, to_fixed_point<R>(f));
    }
}

// Row atomIndex[s] of forces (T) to slot s of an engine's real [paddedCount, 3] array (R), added or overwritten.
template <typename R, typename T>
TN4J_HOST_DEVICE void scatter_slot_real(int slot, const T* forces, const int* atomIndex, T forceScale, bool add,
                                        R* engineForces) {
    const int atom = atomIndex ? atomIndex[slot] : slot;
    for (int k = 0; k < 3; ++k) {
        const R f = static_cast<R>(forces[3 * atom + k] * forceScale);
        engineForces[3 * slot + k] = add ? engineForces[3 * slot + k] + f : f;
    }
}

// --- CPU twins: the same per-slot functions over slots 0..numAtoms-1 (what each CUDA grid does).

template <typename R, typename T>
void gather_positions_cpu(int numAtoms, const R* posq, const int* atomIndex, T positionScale, T* positions) {
    for (int s = 0; s < numAtoms; ++s) gather_slot(s, posq, atomIndex, positionScale, positions);
}

template <typename R, typename T>
void scatter_forces_fixed_point_cpu(int numAtoms, int paddedCount, const T* forces, const int* atomIndex,
                                    T forceScale, long long* forceBuffer) {
    for (int s = 0; s < numAtoms; ++s)
        scatter_slot_fixed_point<R>(s, forces, atomIndex, forceScale, paddedCount, forceBuffer);
}

template <typename R, typename T>
void scatter_forces_real_cpu(int numAtoms, const T* forces, const int* atomIndex, T forceScale, bool add,
                             R* engineForces) {
    for (int s = 0; s < numAtoms; ++s) scatter_slot_real(s, forces, atomIndex, forceScale, add, engineForces);
}

}  // namespace kernels
}  // namespace tensornet4j

#endif

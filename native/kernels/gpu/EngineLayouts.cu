// CUDA kernels for the engine layouts: one thread per slot, each calling the per-slot function of
// EngineLayouts.h that the CPU twins also call (so the CPU tests check the kernels' index logic).

#include <cuda_runtime.h>

#include "EngineLayouts.h"
#include "EngineLayoutsCuda.h"

namespace tensornet4j {
namespace kernels {
namespace {

constexpr int kThreads = 128;

int blocks_for(int n) { return (n + kThreads - 1) / kThreads; }

template <typename R, typename T>
__global__ void gather_positions_kernel(int numAtoms, const R* posq, const int* atomIndex, T positionScale,
                                        T* positions) {
    const int s = blockIdx.x * blockDim.x + threadIdx.x;
    if (s < numAtoms) gather_slot(s, posq, atomIndex, positionScale, positions);
}

template <typename R, typename T>
__global__ void scatter_fixed_point_kernel(int numAtoms, int paddedCount, const T* forces, const int* atomIndex,
                                           T forceScale, long long* forceBuffer) {
    const int s = blockIdx.x * blockDim.x + threadIdx.x;
    if (s < numAtoms) scatter_slot_fixed_point<R>(s, forces, atomIndex, forceScale, paddedCount, forceBuffer);
}

template <typename R, typename T>
__global__ void scatter_real_kernel(int numAtoms, const T* forces, const int* atomIndex, T forceScale, bool add,
                                    R* engineForces) {
    const int s = blockIdx.x * blockDim.x + threadIdx.x;
    if (s < numAtoms) scatter_slot_real(s, forces, atomIndex, forceScale, add, engineForces);
}

// Calls body(R{}, T{}) for the four engine/model precision pairs.
template <typename Body>
void on_precisions(Precision engine, Precision model, const Body& body) {
    if (engine == Precision::Float32) {
        if (model == Precision::Float32) body(float{}, float{}); else body(float{}, double{});
    } else {
        if (model == Precision::Float32) body(double{}, float{}); else body(double{}, double{});
    }
}

int last_launch_error() { return static_cast<int>(cudaGetLastError()); }

}  // namespace

int launch_gather_positions(int numAtoms, const void* posq, Precision posqPrecision, const int* atomIndex,
                            double positionScale, void* positions, Precision modelPrecision, void* stream) {
    if (numAtoms <= 0) return 0;
    on_precisions(posqPrecision, modelPrecision, [&](auto r, auto t) {
        using R = decltype(r);
        using T = decltype(t);
        gather_positions_kernel<R, T><<<blocks_for(numAtoms), kThreads, 0, static_cast<cudaStream_t>(stream)>>>(
            numAtoms, static_cast<const R*>(posq), atomIndex, static_cast<T>(positionScale), static_cast<T*>(positions));
    });
    return last_launch_error();
}

int launch_scatter_forces_fixed_point(int numAtoms, int paddedCount, const void* forces, Precision modelPrecision,
                                      const int* atomIndex, double forceScale, Precision enginePrecision,
                                      long long* forceBuffer, void* stream) {
    if (numAtoms <= 0) return 0;
    on_precisions(enginePrecision, modelPrecision, [&](auto r, auto t) {
        using R = decltype(r);
        using T = decltype(t);
        scatter_fixed_point_kernel<R, T><<<blocks_for(numAtoms), kThreads, 0, static_cast<cudaStream_t>(stream)>>>(
            numAtoms, paddedCount, static_cast<const T*>(forces), atomIndex, static_cast<T>(forceScale), forceBuffer);
    });
    return last_launch_error();
}

int launch_scatter_forces_real(int numAtoms, const void* forces, Precision modelPrecision, const int* atomIndex,
                               double forceScale, bool add, void* engineForces, Precision enginePrecision,
                               void* stream) {
    if (numAtoms <= 0) return 0;
    on_precisions(enginePrecision, modelPrecision, [&](auto r, auto t) {
        using R = decltype(r);
        using T = decltype(t);
        scatter_real_kernel<R, T><<<blocks_for(numAtoms), kThreads, 0, static_cast<cudaStream_t>(stream)>>>(
            numAtoms, static_cast<const T*>(forces), atomIndex, static_cast<T>(forceScale), add,
            static_cast<R*>(engineForces));
    });
    return last_launch_error();
}

const char* launch_error_string(int code) { return cudaGetErrorString(static_cast<cudaError_t>(code)); }

}  // namespace kernels
}  // namespace tensornet4j

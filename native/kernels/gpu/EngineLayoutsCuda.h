#ifndef TENSORNET4J_KERNELS_GPU_ENGINE_LAYOUTS_CUDA_H_
#define TENSORNET4J_KERNELS_GPU_ENGINE_LAYOUTS_CUDA_H_

// Launchers of the engine-layout kernels (EngineLayouts.cu; the index logic is EngineLayouts.h). They
// enqueue on the engine's stream and return at once: nothing here synchronises the device. Callers need
// no CUDA header: streams are cudaStream_t passed as void* (nullptr = the legacy default stream).
// Each returns 0, or the cudaError_t of the launch (describe it with launch_error_string).

namespace tensornet4j {
namespace kernels {

// Floating-point precision of a buffer: the engine's (posq, real force arrays) or the model's ([N,3] tensors).
enum class Precision { Float32 = 0, Float64 = 1 };

// posq (paddedCount x 4, float4/double4, slot s = atom atomIndex[s]) to positions [numAtoms,3] * positionScale.
int launch_gather_positions(int numAtoms, const void* posq, Precision posqPrecision, const int* atomIndex,
                            double positionScale, void* positions, Precision modelPrecision, void* stream);

// forces [numAtoms,3] * forceScale added to OpenMM's fixed-point buffer (3 x paddedCount long long), the
// conversion done in enginePrecision as the engine's own kernels do.
int launch_scatter_forces_fixed_point(int numAtoms, int paddedCount, const void* forces, Precision modelPrecision,
                                      const int* atomIndex, double forceScale, Precision enginePrecision,
                                      long long* forceBuffer, void* stream);

// forces [numAtoms,3] * forceScale added to (add) or written over an engine's real [slots,3] array.
int launch_scatter_forces_real(int numAtoms, const void* forces, Precision modelPrecision, const int* atomIndex,
                               double forceScale, bool add, void* engineForces, Precision enginePrecision,
                               void* stream);

// The CUDA runtime's text for a code the launchers returned.
const char* launch_error_string(int code);

}  // namespace kernels
}  // namespace tensornet4j

#endif

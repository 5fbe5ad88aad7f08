#ifndef TENSORNET4J_CUDA_CONTEXT_RULE_H_
#define TENSORNET4J_CUDA_CONTEXT_RULE_H_

// The context rule of device buffers (ForceComputation::computeOnDevice): the calling thread's current
// CUDA context is none or the device's primary context, the one LibTorch uses. Checked through the CUDA
// driver loaded at run time (libcuda.so.1), so libtensornet4j needs no CUDA to build or load.

namespace tensornet4j {

/**
 * Throws BridgeError naming the problem and the fix: no NVIDIA driver (libcuda.so.1), a device index the
 * driver does not know, or a current context other than the device's primary one.
 */
void requirePrimaryContext(int deviceIndex);

}  // namespace tensornet4j

#endif

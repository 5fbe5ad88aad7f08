#ifndef TENSORNET4J_KERNELS_CPU_ACTIVATIONS_H_
#define TENSORNET4J_KERNELS_CPU_ACTIVATIONS_H_

// The radial MLPs' activation after each matrix product, in one pass: the layer's bias added, SiLU
// applied, and SiLU's derivative kept for the backward (or forward-mode) pass.
//
// As LibTorch ops that is three passes over [rows, width] per layer, each with its own exp: addmm
// copies the bias into the output before the product, silu reads it again, and silu_backward (or
// the tangent) recomputes the sigmoid later. Those element-wise passes were ~12 % of a chignolin
// call. Here the product is a plain mm and this pass does the rest: the same formulas as LibTorch's
// CPU kernels (silu: x / (1 + exp(-x)); its derivative: s (1 + x (1 - s)), s = 1 / (1 + exp(-x))),
// with an exp GCC vectorises (FastExp.h).
// Java calls this through org.tensornet4j.model.MlpTape.

#include <cstdint>

#include "cpu/FastExp.h"

namespace tensornet4j {
namespace activations {

using fast_exp::exp_of;

// z [rows, width] holds a layer's product without its bias; bias [width] (or null). Overwrites z with
// silu(z + bias) and writes silu'(z + bias) to d [rows, width]. exp(-x) enters only through
// 1 / (1 + exp(-x)), which exp_of's clamps leave at 1 or at ~0 (the derivative at 0), as the exact
// values are.
template <typename T>
inline void silu_with_derivative(int64_t rows, int64_t width, const T* bias, T* z, T* d) {
    for (int64_t row = 0; row < rows; row++) {
        T* zr = z + row * width;
        T* dr = d + row * width;
        for (int64_t c = 0; c < width; c++) {
            const T x = bias == nullptr ? zr[c] : zr[c] + bias[c];
            const T onePlusE = T(1) + exp_of(-x);
            const T s = T(1) / onePlusE;
            zr[c] = x / onePlusE;
            dr[c] = s * (T(1) + x * (T(1) - s));
        }
    }
}

#define TN4J_ACTIVATIONS_TARGETS __attribute__((target_clones("avx512f", "avx2", "default"), flatten))

#define TN4J_ACTIVATIONS_ENTRY_POINTS(T)                                                                      \
    TN4J_ACTIVATIONS_TARGETS inline void siluWithDerivative(int64_t rows, int64_t width, const T* bias, T* z,  \
                                                             T* d) {                                          \
        silu_with_derivative(rows, width, bias, z, d);                                                        \
    }

TN4J_ACTIVATIONS_ENTRY_POINTS(float)
TN4J_ACTIVATIONS_ENTRY_POINTS(double)

#undef TN4J_ACTIVATIONS_ENTRY_POINTS
#undef TN4J_ACTIVATIONS_TARGETS

}  // namespace activations
}  // namespace tensornet4j

#endif  // TENSORNET4J_KERNELS_CPU_ACTIVATIONS_H_

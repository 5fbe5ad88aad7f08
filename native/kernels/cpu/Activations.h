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
// with an exp GCC vectorises (exp_of below, Cephes' approximations: within 1e-6 relative in float32,
// 2e-15 in float64 of the correctly rounded results; LibTorch's own vectorised exp is as close).
// Java calls this through org.tensornet4j.model.MlpTape.

#include <bit>
#include <cstdint>

namespace tensornet4j {
namespace activations {

// exp(x) without a library call, so that loops over it vectorise: x = n ln2 + r, |r| <= ln2 / 2,
// exp(r) by Cephes' polynomial (float) or rational function (double), times 2^n built from its bits.
// Arguments are clamped to where 2^n is a normal number: exp(-87) ~ 1.6e-38 and exp(88) ~ 1.7e38 in
// float32, exp(+-708) in float64; SiLU reads exp(-x) only through 1 / (1 + exp(-x)), which these
// clamps leave at 1 or at ~0 (its derivative at 0), as the exact values do.
inline float exp_of(float x) {
    x = x < -87.0f ? -87.0f : x;
    x = x > 88.0f ? 88.0f : x;
    // Rounded to the nearest integer: adding 1.5 * 2^23 leaves no bits for a fraction.
    const float n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
    const float r = x - n * 0.693359375f + n * 2.12194440e-4f;
    float p = ((((1.9875691500e-4f * r + 1.3981999507e-3f) * r + 8.3334519073e-3f) * r + 4.1665795894e-2f) * r +
               1.6666665459e-1f) * r + 5.0000001201e-1f;
    p = p * (r * r) + r + 1.0f;
    return p * std::bit_cast<float>((static_cast<int32_t>(n) + 127) << 23);
}

inline double exp_of(double x) {
    x = x < -708.0 ? -708.0 : x;
    x = x > 708.0 ? 708.0 : x;
    const double n = (x * 1.4426950408889634073599 + 6755399441055744.0) - 6755399441055744.0;
    const double r = x - n * 6.93145751953125e-1 - n * 1.42860682030941723212e-6;
    const double rr = r * r;
    const double p = r * ((1.26177193074810590878e-4 * rr + 3.02994407707441961300e-2) * rr + 9.99999999999999999910e-1);
    const double q = ((3.00198505138664455042e-6 * rr + 2.52448340349684104192e-3) * rr + 2.27265548208155028766e-1) * rr +
                     2.00000000000000000009e0;
    const double e = 1.0 + 2.0 * (p / (q - p));
    return e * std::bit_cast<double>(static_cast<int64_t>(static_cast<int32_t>(n) + 1023) << 52);
}

// z [rows, width] holds a layer's product without its bias; bias [width] (or null). Overwrites z with
// silu(z + bias) and writes silu'(z + bias) to d [rows, width].
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

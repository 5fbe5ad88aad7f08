#ifndef TENSORNET4J_KERNELS_CPU_LANE_SUMS_H_
#define TENSORNET4J_KERNELS_CPU_LANE_SUMS_H_

// Sums and dot products for the kernels' loops, in kLanes partial sums: GCC vectorises them without
// being allowed to reorder a plain floating-point sum (which it may not do without -ffast-math).

#include <cstdint>

namespace tensornet4j {
namespace lane_sums {

constexpr int kLanes = 16;

// sum over c of a[c] * b[c].
template <typename T>
inline T dot2(const T* __restrict__ a, const T* __restrict__ b, int64_t n) {
    T lane[kLanes] = {};
    int64_t c = 0;
    for (; c + kLanes <= n; c += kLanes) {
        for (int l = 0; l < kLanes; l++) lane[l] += a[c + l] * b[c + l];
    }
    T sum = 0;
    for (; c < n; c++) sum += a[c] * b[c];
    for (int l = 0; l < kLanes; l++) sum += lane[l];
    return sum;
}

// sum over c of a[c] * b[c] * d[c].
template <typename T>
inline T dot3(const T* __restrict__ a, const T* __restrict__ b, const T* __restrict__ d, int64_t n) {
    T lane[kLanes] = {};
    int64_t c = 0;
    for (; c + kLanes <= n; c += kLanes) {
        for (int l = 0; l < kLanes; l++) lane[l] += a[c + l] * (b[c + l] * d[c + l]);
    }
    T s = 0;
    for (; c < n; c++) s += a[c] * (b[c] * d[c]);
    for (int l = 0; l < kLanes; l++) s += lane[l];
    return s;
}

}  // namespace lane_sums
}  // namespace tensornet4j

#endif  // TENSORNET4J_KERNELS_CPU_LANE_SUMS_H_

#ifndef TENSORNET4J_KERNELS_CPU_EDGE_SUMS_H_
#define TENSORNET4J_KERNELS_CPU_EDGE_SUMS_H_

// TensorNet's per-edge sums as single passes, and their vector-Jacobian products.
//
// Every per-edge stage of TensorNet has the same shape: for each edge e, a per-part weight row
// w[e] (3 parts x F channels) times ten "packed" numbers per channel (isotropic 1, antisymmetric 3,
// symmetric traceless 6: see IrreducibleTensors.Compact#packed), summed into the row of the
// receiving atom. Written with LibTorch ops this materialises [edges, 10, F] tensors several times
// per stage, forward and backward (gather, product, scatter); here each edge's numbers are made,
// used and summed in registers. Java calls these through org.tensornet4j.model.EdgeSums on
// contiguous CPU tensors; the caller owns all memory.
//
// Layouts (row-major, F contiguous): weights [rows, 3, F]; packed values [rows, 10, F];
// components [edges, 10] (one number per edge and packed slot, the same for every channel); per-edge
// channel weights [edges, F].
// Index arrays are int64. Output sums are accumulated (+=) so that the caller can zero them once.

#include <cstdint>

#include "cpu/LaneSums.h"

namespace tensornet4j {
namespace edge_sums {

using lane_sums::dot2;
using lane_sums::dot3;

// The part (0 = I, 1 = A, 2 = S) that weighs each of the ten packed numbers.
constexpr int kPacked = 10;
constexpr int kPartOf[kPacked] = {0, 1, 1, 1, 2, 2, 2, 2, 2, 2};

// out[target[e], k, c] += w[wrow(e), part(k), c] * ws[wrow(e)] * v[vrow[e], k, c] for each edge e;
// wrow(e) = wrow[e], or e when wrow is null; ws (a scale per weight row, e.g. the cutoff by which
// the radial MLP's output is multiplied) may be null: 1.
template <typename T>
inline void neighbor_sum(int64_t edges, int64_t f, const T* w, const T* ws, const int64_t* wrow, const T* v,
                          const int64_t* vrow, const int64_t* target, T* out) {
    for (int64_t e = 0; e < edges; e++) {
        const int64_t row = wrow ? wrow[e] : e;
        const T* __restrict__ we = w + row * 3 * f;
        const T* __restrict__ ve = v + vrow[e] * kPacked * f;
        T* __restrict__ oe = out + target[e] * kPacked * f;
        if (ws) {
            const T s = ws[row];
            for (int k = 0; k < kPacked; k++) {
                const T* __restrict__ wk = we + kPartOf[k] * f;
                const T* __restrict__ vk = ve + k * f;
                T* __restrict__ ok = oe + k * f;
                for (int64_t c = 0; c < f; c++) ok[c] += (wk[c] * s) * vk[c];
            }
            continue;
        }
        for (int k = 0; k < kPacked; k++) {
            const T* __restrict__ wk = we + kPartOf[k] * f;
            const T* __restrict__ vk = ve + k * f;
            T* __restrict__ ok = oe + k * f;
            for (int64_t c = 0; c < f; c++) ok[c] += wk[c] * vk[c];
        }
    }
}

// out[target[e], k, c] += w[wrow(e), part(k), c] * ew[e, c] * comp[e, k]: per-part weights per
// (radial) row, times a per-edge weight of each channel, times the edge's component k.
template <typename T>
inline void component_sum(int64_t edges, int64_t f, const T* w, const int64_t* wrow, const T* ew, const T* comp,
                          const int64_t* target, T* out) {
    for (int64_t e = 0; e < edges; e++) {
        const T* __restrict__ we = w + (wrow ? wrow[e] : e) * 3 * f;
        const T* __restrict__ ewe = ew + e * f;
        const T* __restrict__ ce = comp + e * kPacked;
        T* __restrict__ oe = out + target[e] * kPacked * f;
        for (int k = 0; k < kPacked; k++) {
            const T* __restrict__ wk = we + kPartOf[k] * f;
            const T ck = ce[k];
            T* __restrict__ ok = oe + k * f;
            for (int64_t c = 0; c < f; c++) ok[c] += (wk[c] * ewe[c]) * ck;
        }
    }
}

// The gradient of neighbor_sum's output with respect to a distance per weight row, when the
// weights are a function of that distance alone (TensorNet's radial MLP) and t holds their
// derivatives: gd[wrow(e)] += sum over k, c of g[target[e], k, c] * v[vrow[e], k, c] *
// t[wrow(e), part(k), c]. The weights' gradient (sum over k of part p of g * v) times t, summed per
// row, without the [rows, 3 F] gradient of the weights in between.
template <typename T>
inline void neighbor_sum_distance_grad(int64_t edges, int64_t f, const T* g, const int64_t* target, const T* v,
                                       const int64_t* vrow, const int64_t* wrow, const T* t, T* gd) {
    for (int64_t e = 0; e < edges; e++) {
        const T* __restrict__ ge = g + target[e] * kPacked * f;
        const T* __restrict__ ve = v + vrow[e] * kPacked * f;
        const int64_t row = wrow ? wrow[e] : e;
        const T* __restrict__ te = t + row * 3 * f;
        T s = 0;
        for (int k = 0; k < kPacked; k++) s += dot3(ge + k * f, ve + k * f, te + kPartOf[k] * f, f);
        gd[row] += s;
    }
}

// For weights that are an MLP's output m times a scale per row s (the radial MLP times the cutoff),
// one row per edge: the weights' gradient times the scale,
// gm[e, p, c] = s[e] * sum over k of part p of g[target[e], k, c] * v[vrow[e], k, c] (the gradient of
// m), and the gradient of the scale, gs[e] = sum over p, c of that unscaled gradient times m[e, p, c];
// both overwritten.
template <typename T>
inline void neighbor_sum_scaled_weight_grads(int64_t edges, int64_t f, const T* g, const int64_t* target, const T* v,
                                             const int64_t* vrow, const T* m, const T* s, T* gm, T* gs) {
    for (int64_t e = 0; e < edges; e++) {
        const T* __restrict__ ge = g + target[e] * kPacked * f;
        const T* __restrict__ ve = v + vrow[e] * kPacked * f;
        T* __restrict__ we = gm + e * 3 * f;
        for (int64_t c = 0; c < 3 * f; c++) we[c] = 0;
        for (int k = 0; k < kPacked; k++) {
            const T* __restrict__ gk = ge + k * f;
            const T* __restrict__ vk = ve + k * f;
            T* __restrict__ wk = we + kPartOf[k] * f;
            for (int64_t c = 0; c < f; c++) wk[c] += gk[c] * vk[c];
        }
        // The row is in L1: its dot with m, then the scale, in one more pass.
        const T* __restrict__ me = m + e * 3 * f;
        gs[e] = dot2(we, me, 3 * f);
        const T se = s[e];
        for (int64_t c = 0; c < 3 * f; c++) we[c] *= se;
    }
}

// The gradients of component_sum's output with respect to w (accumulated per weight row: edges that
// share one add up), ew and comp (per edge, overwritten).
template <typename T>
inline void component_sum_grads(int64_t edges, int64_t f, const T* g, const int64_t* target, const T* w,
                                const int64_t* wrow, const T* ew, const T* comp, T* gw, T* gew, T* gcomp) {
    for (int64_t e = 0; e < edges; e++) {
        const T* __restrict__ ge = g + target[e] * kPacked * f;
        const int64_t row = (wrow ? wrow[e] : e) * 3 * f;
        const T* __restrict__ we = w + row;
        const T* __restrict__ ewe = ew + e * f;
        const T* __restrict__ ce = comp + e * kPacked;
        T* __restrict__ gwe = gw + row;
        T* __restrict__ gewe = gew + e * f;
        for (int64_t c = 0; c < f; c++) gewe[c] = 0;
        for (int k = 0; k < kPacked; k++) {
            const T* __restrict__ gk = ge + k * f;
            const T* __restrict__ wk = we + kPartOf[k] * f;
            T* __restrict__ gwk = gwe + kPartOf[k] * f;
            const T ck = ce[k];
            for (int64_t c = 0; c < f; c++) {
                const T t = gk[c] * ck;
                gwk[c] += t * ewe[c];
                gewe[c] += t * wk[c];
            }
            gcomp[e * kPacked + k] = dot3(gk, wk, ewe, f);
        }
    }
}

// Entry points, float and double (KernelEntryPoints.h picks one by dtype for Java). Each is
// compiled for AVX-512, AVX2 and plain x86-64; the loader picks the best the CPU runs.
#define TN4J_EDGE_SUMS_TARGETS __attribute__((target_clones("avx512f", "avx2", "default"), flatten))

#define TN4J_EDGE_SUMS_ENTRY_POINTS(T)                                                                        \
    TN4J_EDGE_SUMS_TARGETS inline void neighborSum(int64_t edges, int64_t f, const T* w, const T* ws,          \
            const int64_t* wrow, const T* v, const int64_t* vrow, const int64_t* target, T* out) {            \
        neighbor_sum(edges, f, w, ws, wrow, v, vrow, target, out);                                           \
    }                                                                                                         \
    TN4J_EDGE_SUMS_TARGETS inline void neighborSumScaledWeightGrads(int64_t edges, int64_t f, const T* g,      \
            const int64_t* target, const T* v, const int64_t* vrow, const T* m, const T* s, T* gm, T* gs) {   \
        neighbor_sum_scaled_weight_grads(edges, f, g, target, v, vrow, m, s, gm, gs);                         \
    }                                                                                                         \
    TN4J_EDGE_SUMS_TARGETS inline void componentSum(int64_t edges, int64_t f, const T* w, const int64_t* wrow,  \
            const T* ew, const T* comp, const int64_t* target, T* out) {                                      \
        component_sum(edges, f, w, wrow, ew, comp, target, out);                                              \
    }                                                                                                         \
    TN4J_EDGE_SUMS_TARGETS inline void neighborSumDistanceGrad(int64_t edges, int64_t f, const T* g,           \
            const int64_t* target, const T* v, const int64_t* vrow, const int64_t* wrow, const T* t, T* gd) {    \
        neighbor_sum_distance_grad(edges, f, g, target, v, vrow, wrow, t, gd);                                \
    }                                                                                                         \
    TN4J_EDGE_SUMS_TARGETS inline void componentSumGrads(int64_t edges, int64_t f, const T* g,                  \
            const int64_t* target, const T* w, const int64_t* wrow, const T* ew, const T* comp, T* gw,         \
            T* gew, T* gcomp) {                                                                               \
        component_sum_grads(edges, f, g, target, w, wrow, ew, comp, gw, gew, gcomp);                          \
    }

TN4J_EDGE_SUMS_ENTRY_POINTS(float)
TN4J_EDGE_SUMS_ENTRY_POINTS(double)

#undef TN4J_EDGE_SUMS_ENTRY_POINTS
#undef TN4J_EDGE_SUMS_TARGETS

}  // namespace edge_sums
}  // namespace tensornet4j

#endif  // TENSORNET4J_KERNELS_CPU_EDGE_SUMS_H_

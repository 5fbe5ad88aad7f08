#ifndef TENSORNET4J_KERNELS_CPU_ATOM_PARTS_H_
#define TENSORNET4J_KERNELS_CPU_ATOM_PARTS_H_

// The per-atom steps of TensorNet's embedding and read-out (and TensorNet2's charge blocks) around their
// matrix products, and their vector-Jacobian products: the squared norms of the three irreducible parts,
// and the embedding's output, its summed parts scaled per part and joined into full 3x3 tensors.
//
// As LibTorch ops each of these is a chain of small ops (squares, sums, products with the split and
// join matrices, concatenations) forward and again backward: for a ligand-sized molecule their fixed
// costs were a fifth of a call. Here each atom and channel does its few flops in registers. Java
// calls these through org.tensornet4j.model.AtomParts.
//
// Layouts as in AtomUpdate.h: packed [atoms, 10, F], full [atoms, F, 3, 3]; per-part numbers
// [atoms, 3, F] (I, A, S).

#include <cstdint>

#include "cpu/AtomUpdate.h"

namespace tensornet4j {
namespace atom_update {

// Each packed number's part, and its weight in the squared Frobenius norm of that part:
// |I|^2 = 3 iso^2, |A|^2 = 2 |vec|^2, |S|^2 = sxx^2 + syy^2 + szz^2 + 2 (sxy^2 + sxz^2 + syz^2).
constexpr int kPartOfPacked[kPacked] = {0, 1, 1, 1, 2, 2, 2, 2, 2, 2};
constexpr int kNormWeight[kPacked] = {3, 2, 2, 2, 1, 1, 1, 2, 2, 2};

// The squared norms of the three parts of one atom and channel from its packed numbers c.
template <typename T>
inline void part_norms_of(const T* c, T* norms) {
    using S = typename ScalarOf<T>::type;
    norms[0] = c[0] * c[0] * S(3);
    norms[1] = (c[1] * c[1] + c[2] * c[2] + c[3] * c[3]) * S(2);
    const T off = c[7] * c[7] + c[8] * c[8] + c[9] * c[9];
    norms[2] = (c[4] * c[4] + c[5] * c[5] + c[6] * c[6] + off) + off;
}

// The gradient of part_norms_of with respect to c (overwritten), given those of the norms.
template <typename T>
inline void part_norms_of_vjp(const T* c, const T* gnorms, T* gc) {
    using S = typename ScalarOf<T>::type;
    for (int k = 0; k < kPacked; k++) gc[k] = S(2 * kNormWeight[k]) * c[k] * gnorms[kPartOfPacked[k]];
}

// out[n, c] = |I|^2 + |A|^2 + |S|^2 of packed p: the embedding's input to its layer norm.
template <typename S>
inline void packed_norm_sum(int64_t atoms, int64_t f, const S* p, S* out) {
    for (int64_t n = 0; n < atoms; n++) {
        for_channels<S>(f, [&]<typename T>(int64_t ch) {
            T c[kPacked], norms[3];
            load(p + n * kPacked * f + ch, f, c);
            part_norms_of(c, norms);
            store1(out + n * f + ch, (norms[0] + norms[1]) + norms[2]);
        });
    }
}

// The gradient of packed_norm_sum with respect to p (overwritten), given g [atoms, F].
template <typename S>
inline void packed_norm_sum_vjp(int64_t atoms, int64_t f, const S* p, const S* g, S* gp) {
    for (int64_t n = 0; n < atoms; n++) {
        for_channels<S>(f, [&]<typename T>(int64_t ch) {
            T c[kPacked], gc[kPacked];
            load(p + n * kPacked * f + ch, f, c);
            const T gn = load1<T>(g + n * f + ch);
            const T gnorms[3] = {gn, gn, gn};
            part_norms_of_vjp(c, gnorms, gc);
            store(gc, f, gp + n * kPacked * f + ch);
        });
    }
}

// out [atoms, 3, F]: the squared norms of the parts of full x, the read-out's features before its layer norm;
// with IsoValue, the isotropic value itself in place of |I|^2: TensorNet2's charge blocks' features.
template <typename S, bool IsoValue = false>
inline void part_norms(int64_t atoms, int64_t f, const S* x, S* out) {
    for (int64_t n = 0; n < atoms; n++) {
        for_channels<S>(f, [&]<typename T>(int64_t ch) {
            const int64_t at = (n * f + ch) * 9;
            T v[9], c[kPacked], norms[3];
            for (int i = 0; i < 9; i++) v[i] = gather9<T>(x + at, i);
            compact(v, c);
            part_norms_of(c, norms);
            if (IsoValue) norms[0] = c[0];
            for (int p = 0; p < 3; p++) store1(out + (n * 3 + p) * f + ch, norms[p]);
        });
    }
}

// The gradient of part_norms with respect to x (overwritten), given g [atoms, 3, F].
template <typename S, bool IsoValue = false>
inline void part_norms_vjp(int64_t atoms, int64_t f, const S* x, const S* g, S* gx) {
    for (int64_t n = 0; n < atoms; n++) {
        for_channels<S>(f, [&]<typename T>(int64_t ch) {
            const int64_t at = (n * f + ch) * 9;
            T v[9], c[kPacked], gnorms[3], gc[kPacked], gv[9];
            for (int i = 0; i < 9; i++) v[i] = gather9<T>(x + at, i);
            compact(v, c);
            for (int p = 0; p < 3; p++) gnorms[p] = load1<T>(g + (n * 3 + p) * f + ch);
            part_norms_of_vjp(c, gnorms, gc);
            if (IsoValue) gc[0] = gnorms[0];
            compact_adjoint(gc, gv);
            for (int i = 0; i < 9; i++) scatter9(gx + at, i, gv[i]);
        });
    }
}

// The embedding's output x = full(q) [atoms, F, 3, 3], q_k = mixed_k factors[part(k)]: the mixed sums
// [atoms, 10, F] scaled by the per-part factors [atoms, 3, F] of the embedding's scalar MLP.
template <typename S>
inline void embedding_output(int64_t atoms, int64_t f, const S* mixed, const S* factors, S* x) {
    for (int64_t n = 0; n < atoms; n++) {
        for_channels<S>(f, [&]<typename T>(int64_t ch) {
            T q[kPacked], fac[3], v[9];
            load(mixed + n * kPacked * f + ch, f, q);
            for (int p = 0; p < 3; p++) fac[p] = load1<T>(factors + (n * 3 + p) * f + ch);
            for (int k = 0; k < kPacked; k++) q[k] *= fac[kPartOfPacked[k]];
            full(q, v);
            const int64_t at = (n * f + ch) * 9;
            for (int i = 0; i < 9; i++) scatter9(x + at, i, v[i]);
        });
    }
}

// The gradients of embedding_output with respect to mixed and factors (overwritten), given gx.
template <typename S>
inline void embedding_output_vjp(int64_t atoms, int64_t f, const S* gx, const S* mixed, const S* factors, S* gmixed,
                                 S* gfactors) {
    for (int64_t n = 0; n < atoms; n++) {
        for_channels<S>(f, [&]<typename T>(int64_t ch) {
            const int64_t at = (n * f + ch) * 9;
            T g[9], gq[kPacked], m[kPacked], fac[3], gfac[3] = {};
            for (int i = 0; i < 9; i++) g[i] = gather9<T>(gx + at, i);
            full_adjoint(g, gq);
            load(mixed + n * kPacked * f + ch, f, m);
            for (int p = 0; p < 3; p++) fac[p] = load1<T>(factors + (n * 3 + p) * f + ch);
            for (int k = 0; k < kPacked; k++) {
                gfac[kPartOfPacked[k]] += gq[k] * m[k];
                gq[k] *= fac[kPartOfPacked[k]];
            }
            store(gq, f, gmixed + n * kPacked * f + ch);
            for (int p = 0; p < 3; p++) store1(gfactors + (n * 3 + p) * f + ch, gfac[p]);
        });
    }
}

// Entry points, float and double (KernelEntryPoints.h picks one by dtype for Java), each compiled for
// AVX-512, AVX2 and plain x86-64.
#define TN4J_ATOM_PARTS_TARGETS __attribute__((target_clones("avx512f", "avx2", "default"), flatten))

#define TN4J_ATOM_PARTS_ENTRY_POINTS(T)                                                                       \
    TN4J_ATOM_PARTS_TARGETS inline void packedNormSum(int64_t atoms, int64_t f, const T* p, T* out) {          \
        packed_norm_sum(atoms, f, p, out);                                                                    \
    }                                                                                                         \
    TN4J_ATOM_PARTS_TARGETS inline void packedNormSumVjp(int64_t atoms, int64_t f, const T* p, const T* g,     \
            T* gp) {                                                                                          \
        packed_norm_sum_vjp(atoms, f, p, g, gp);                                                              \
    }                                                                                                         \
    TN4J_ATOM_PARTS_TARGETS inline void partNorms(int64_t atoms, int64_t f, const T* x, T* out) {              \
        part_norms(atoms, f, x, out);                                                                         \
    }                                                                                                         \
    TN4J_ATOM_PARTS_TARGETS inline void partNormsVjp(int64_t atoms, int64_t f, const T* x, const T* g, T* gx) { \
        part_norms_vjp(atoms, f, x, g, gx);                                                                   \
    }                                                                                                         \
    TN4J_ATOM_PARTS_TARGETS inline void chargeFeatures(int64_t atoms, int64_t f, const T* x, T* out) {         \
        part_norms<T, true>(atoms, f, x, out);                                                                \
    }                                                                                                         \
    TN4J_ATOM_PARTS_TARGETS inline void chargeFeaturesVjp(int64_t atoms, int64_t f, const T* x, const T* g,    \
            T* gx) {                                                                                          \
        part_norms_vjp<T, true>(atoms, f, x, g, gx);                                                          \
    }                                                                                                         \
    TN4J_ATOM_PARTS_TARGETS inline void embeddingOutput(int64_t atoms, int64_t f, const T* mixed,             \
            const T* factors, T* x) {                                                                         \
        embedding_output(atoms, f, mixed, factors, x);                                                        \
    }                                                                                                         \
    TN4J_ATOM_PARTS_TARGETS inline void embeddingOutputVjp(int64_t atoms, int64_t f, const T* gx,             \
            const T* mixed, const T* factors, T* gmixed, T* gfactors) {                                       \
        embedding_output_vjp(atoms, f, gx, mixed, factors, gmixed, gfactors);                                 \
    }

TN4J_ATOM_PARTS_ENTRY_POINTS(float)
TN4J_ATOM_PARTS_ENTRY_POINTS(double)

#undef TN4J_ATOM_PARTS_ENTRY_POINTS
#undef TN4J_ATOM_PARTS_TARGETS

}  // namespace atom_update
}  // namespace tensornet4j

#endif  // TENSORNET4J_KERNELS_CPU_ATOM_PARTS_H_

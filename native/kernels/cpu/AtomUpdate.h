#ifndef TENSORNET4J_KERNELS_CPU_ATOM_UPDATE_H_
#define TENSORNET4J_KERNELS_CPU_ATOM_UPDATE_H_

// The per-atom 3x3 algebra of a TensorNet interaction layer, and its vector-Jacobian products.
//
// Each layer first normalises its input X and splits it into its parts (mixed into Y elsewhere).
// After the messages M are summed, each atom and channel computes P = M Y + Y M (O(3); 2 Y M for
// SO(3)), divides P's irreducible parts by |P|^2 + 1 and, after a channel mix done elsewhere (a
// matrix product), adds D + D D to its normalised input. As LibTorch ops these are dozens of small
// ops on [atoms, F, 3, 3] tensors (batched 3x3 products, splits, norms) forward and backward; here
// each (atom, channel) does its few hundred flops in registers. Java calls these through
// org.tensornet4j.model.AtomUpdate.
//
// Layouts: compact tensors packed [atoms, 10, F] (iso, vec0..2, sxx, syy, szz, sxy, sxz, syz; see
// IrreducibleTensors), full tensors [atoms, F, 3, 3]; `scale` is [atoms] (1 + 0.1 q) or null.

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace tensornet4j {
namespace atom_update {

constexpr int kPacked = 10;

// The kernels run on blocks of channels at once: channel is the innermost, contiguous dimension of the
// packed layout, so a block is one vector load per number. Lanes<S>::type is a GCC vector of 32 bytes
// (8 floats, 4 doubles; two SSE registers in the plain x86-64 build); the helpers below take it or a
// single S, and the channels after the last whole block run one at a time.
template <typename S>
struct Lanes {
    typedef S type __attribute__((vector_size(32)));
    static constexpr int count = 32 / sizeof(S);
};

template <typename T> struct ScalarOf { using type = T; };
template <> struct ScalarOf<Lanes<float>::type> { using type = float; };
template <> struct ScalarOf<Lanes<double>::type> { using type = double; };

/** T's numbers at p (a block of channels, or one). */
template <typename T, typename S>
inline T load1(const S* p) {
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}
template <typename T, typename S>
inline void store1(S* p, const T& v) {
    std::memcpy(p, &v, sizeof(T));
}

/** Entry i of the full tensors [.., 3, 3] of the block's channels (9 numbers apart). */
template <typename T, typename S>
inline T gather9(const S* base, int i) {
    if constexpr (std::is_same_v<T, S>) {
        return base[i];
    } else {
        T v;
        for (int l = 0; l < Lanes<S>::count; l++) v[l] = base[l * 9 + i];
        return v;
    }
}
template <typename T, typename S>
inline void scatter9(S* base, int i, const T& v) {
    if constexpr (std::is_same_v<T, S>) {
        base[i] = v;
    } else {
        for (int l = 0; l < Lanes<S>::count; l++) base[l * 9 + i] = v[l];
    }
}

/** Runs body.template operator()<T>(ch) for the blocks of channels of one atom, then for the rest one by one. */
template <typename S, typename Body>
inline void for_channels(int64_t f, const Body& body) {
    using V = typename Lanes<S>::type;
    int64_t ch = 0;
    for (; ch + Lanes<S>::count <= f; ch += Lanes<S>::count) body.template operator()<V>(ch);
    for (; ch < f; ch++) body.template operator()<S>(ch);
}

// iso 1 + skew(vec) + S, row-major.
template <typename T>
inline void full(const T* c, T* x) {
    x[0] = c[0] + c[4]; x[1] = -c[3] + c[7]; x[2] = c[2] + c[8];
    x[3] = c[3] + c[7]; x[4] = c[0] + c[5]; x[5] = -c[1] + c[9];
    x[6] = -c[2] + c[8]; x[7] = c[1] + c[9]; x[8] = c[0] + c[6];
}

// The adjoint of full(): the gradient of the compact numbers from that of the full tensor.
template <typename T>
inline void full_adjoint(const T* g, T* c) {
    c[0] = g[0] + g[4] + g[8];
    c[1] = g[7] - g[5]; c[2] = g[2] - g[6]; c[3] = g[3] - g[1];
    c[4] = g[0]; c[5] = g[4]; c[6] = g[8];
    c[7] = g[1] + g[3]; c[8] = g[2] + g[6]; c[9] = g[5] + g[7];
}

// The split into parts: iso = trace/3, vec from (X - X^T)/2, S = (X + X^T)/2 - iso 1.
template <typename T>
inline void compact(const T* x, T* c) {
    using S = typename ScalarOf<T>::type;
    const T iso = (x[0] + x[4] + x[8]) / S(3);
    c[0] = iso;
    c[1] = (x[7] - x[5]) / S(2); c[2] = (x[2] - x[6]) / S(2); c[3] = (x[3] - x[1]) / S(2);
    c[4] = x[0] - iso; c[5] = x[4] - iso; c[6] = x[8] - iso;
    c[7] = (x[1] + x[3]) / S(2); c[8] = (x[2] + x[6]) / S(2); c[9] = (x[5] + x[7]) / S(2);
}

// The adjoint of compact().
template <typename T>
inline void compact_adjoint(const T* g, T* x) {
    using S = typename ScalarOf<T>::type;
    const T diag = (g[0] - g[4] - g[5] - g[6]) / S(3);
    x[0] = diag + g[4]; x[4] = diag + g[5]; x[8] = diag + g[6];
    x[1] = (g[7] - g[3]) / S(2); x[3] = (g[7] + g[3]) / S(2);
    x[2] = (g[8] + g[2]) / S(2); x[6] = (g[8] - g[2]) / S(2);
    x[5] = (g[9] - g[1]) / S(2); x[7] = (g[9] + g[1]) / S(2);
}

// out = a b, out = a^T b, out = a b^T (3x3, row-major).
template <typename T>
inline void mul(const T* a, const T* b, T* out) {
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) out[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
}
template <typename T>
inline void mul_tn(const T* a, const T* b, T* out) {
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) out[i * 3 + j] = a[i] * b[j] + a[3 + i] * b[3 + j] + a[6 + i] * b[6 + j];
}
template <typename T>
inline void mul_nt(const T* a, const T* b, T* out) {
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) out[i * 3 + j] = a[i * 3] * b[j * 3] + a[i * 3 + 1] * b[j * 3 + 1] + a[i * 3 + 2] * b[j * 3 + 2];
}

/** The ten packed numbers of a block of channels (or one) at packed, f apart. */
template <typename T, typename S>
inline void load(const S* packed, int64_t f, T* c) {
    for (int k = 0; k < kPacked; k++) c[k] = load1<T>(packed + k * f);
}
template <typename T, typename S>
inline void store(const T* c, int64_t f, S* packed) {
    for (int k = 0; k < kPacked; k++) store1(packed + k * f, c[k]);
}

// P of one atom and channel (unnormalised), from full M and Y.
template <typename T, bool O3>
inline void product(const T* m, const T* y, T s, T* p) {
    T a[9], b[9];
    if (O3) {
        mul(m, y, a);
        mul(y, m, b);
        for (int i = 0; i < 9; i++) p[i] = (a[i] + b[i]) * s;
    } else {
        mul(y, m, a);
        for (int i = 0; i < 9; i++) p[i] = a[i] * typename ScalarOf<T>::type(2);
    }
}

// For a block of channels (or one) of one atom, packed m and y at stride f: full M and Y, P, its parts
// pc = compact(P); returns 1 / (|P|^2 + 1).
template <typename T, bool O3, typename S>
inline T product_parts(const S* m, const S* y, int64_t f, T s, T* mf, T* yf, T* p, T* pc) {
    T mc[kPacked], yc[kPacked];
    load(m, f, mc);
    load(y, f, yc);
    full(mc, mf);
    full(yc, yf);
    product<T, O3>(mf, yf, s, p);
    T sq{};
    for (int i = 0; i < 9; i++) sq += p[i] * p[i];
    compact(p, pc);
    return S(1) / (sq + S(1));
}

// c = compact(P) / (|P|^2 + 1) per atom and channel, from packed messages m and packed y.
template <typename S, bool O3>
inline void normalised_products(int64_t atoms, int64_t f, const S* m, const S* y, const S* scale, S* c) {
    for (int64_t n = 0; n < atoms; n++) {
        const S sn = scale ? scale[n] : S(1);
        for_channels<S>(f, [&]<typename T>(int64_t ch) {
            const int64_t at = n * kPacked * f + ch;
            const T s = T{} + sn;
            T mf[9], yf[9], p[9], pc[kPacked];
            const T inv = product_parts<T, O3>(m + at, y + at, f, s, mf, yf, p, pc);
            for (int k = 0; k < kPacked; k++) pc[k] *= inv;
            store(pc, f, c + at);
        });
    }
}

// The gradients of normalised_products with respect to m and y (overwritten), given gc.
template <typename S, bool O3>
inline void normalised_products_vjp(int64_t atoms, int64_t f, const S* gc, const S* m, const S* y, const S* scale,
                                    S* gm, S* gy) {
    for (int64_t n = 0; n < atoms; n++) {
        const S sn = scale ? scale[n] : S(1);
        for_channels<S>(f, [&]<typename T>(int64_t ch) {
            const int64_t at = n * kPacked * f + ch;
            const T s = T{} + sn;
            T g[kPacked], mf[9], yf[9], p[9], pc[kPacked];
            load(gc + at, f, g);
            const T inv = product_parts<T, O3>(m + at, y + at, f, s, mf, yf, p, pc);
            // c = inv compact(p): dL/dp = inv compact^T(g) - 2 inv^2 (g . compact(p)) p
            T gdot{};
            for (int k = 0; k < kPacked; k++) gdot += g[k] * pc[k];
            T gp[9];
            compact_adjoint(g, gp);
            for (int i = 0; i < 9; i++) gp[i] = inv * gp[i] - S(2) * inv * inv * gdot * p[i];
            T gmf[9], gyf[9], a[9], b[9];
            if (O3) {
                // p = s (m y + y m)
                for (int i = 0; i < 9; i++) gp[i] *= s;
                mul_nt(gp, yf, a);
                mul_tn(yf, gp, b);
                for (int i = 0; i < 9; i++) gmf[i] = a[i] + b[i];
                mul_tn(mf, gp, a);
                mul_nt(gp, mf, b);
                for (int i = 0; i < 9; i++) gyf[i] = a[i] + b[i];
            } else {
                // p = 2 y m
                mul_tn(yf, gp, gmf);
                mul_nt(gp, mf, gyf);
                for (int i = 0; i < 9; i++) { gmf[i] *= S(2); gyf[i] *= S(2); }
            }
            T out[kPacked];
            full_adjoint(gmf, out);
            store(out, f, gm + at);
            full_adjoint(gyf, out);
            store(out, f, gy + at);
        });
    }
}

// out = x + D + s D D per atom and channel, D = full(d) from packed d; x and out [atoms, F, 3, 3].
template <typename S>
inline void layer_output(int64_t atoms, int64_t f, const S* x, const S* d, const S* scale, S* out) {
    for (int64_t n = 0; n < atoms; n++) {
        const S sn = scale ? scale[n] : S(1);
        for_channels<S>(f, [&]<typename T>(int64_t ch) {
            T dc[kPacked], df[9], dd[9];
            load(d + n * kPacked * f + ch, f, dc);
            full(dc, df);
            mul(df, df, dd);
            const int64_t at = (n * f + ch) * 9;
            // s = 1 without charges: dd exactly
            for (int i = 0; i < 9; i++) scatter9(out + at, i, (gather9<T>(x + at, i) + df[i]) + dd[i] * sn);
        });
    }
}

// The gradient of layer_output with respect to d (overwritten), given gout; that of x is gout itself.
template <typename S>
inline void layer_output_vjp(int64_t atoms, int64_t f, const S* gout, const S* d, const S* scale, S* gd) {
    for (int64_t n = 0; n < atoms; n++) {
        const S sn = scale ? scale[n] : S(1);
        for_channels<S>(f, [&]<typename T>(int64_t ch) {
            T dc[kPacked], df[9], go[9], a[9], b[9], g[9];
            load(d + n * kPacked * f + ch, f, dc);
            full(dc, df);
            const int64_t at = (n * f + ch) * 9;
            for (int i = 0; i < 9; i++) go[i] = gather9<T>(gout + at, i);
            // d(D D) = dD D + D dD: gD = g D^T + D^T g
            mul_nt(go, df, a);
            mul_tn(df, go, b);
            for (int i = 0; i < 9; i++) g[i] = go[i] + sn * (a[i] + b[i]);
            T out[kPacked];
            full_adjoint(g, out);
            store(out, f, gd + n * kPacked * f + ch);
        });
    }
}

// A layer's input normalised, xn = x / (|x|^2 + 1) [atoms, F, 3, 3], and its parts c = compact(xn),
// packed [atoms, 10, F] (the channel mix into Y follows elsewhere).
template <typename S>
inline void normalised_input(int64_t atoms, int64_t f, const S* x, S* xn, S* c) {
    for (int64_t n = 0; n < atoms; n++) {
        for_channels<S>(f, [&]<typename T>(int64_t ch) {
            const int64_t at = (n * f + ch) * 9;
            T v[9], cc[kPacked];
            T sq{};
            for (int i = 0; i < 9; i++) {
                v[i] = gather9<T>(x + at, i);
                sq += v[i] * v[i];
            }
            const T norm = sq + S(1);
            for (int i = 0; i < 9; i++) {
                v[i] = v[i] / norm;
                scatter9(xn + at, i, v[i]);
            }
            compact(v, cc);
            store(cc, f, c + n * kPacked * f + ch);
        });
    }
}

// The gradient of normalised_input with respect to x (overwritten), given those of xn and c.
template <typename S>
inline void normalised_input_vjp(int64_t atoms, int64_t f, const S* x, const S* gxn, const S* gc, S* gx) {
    for (int64_t n = 0; n < atoms; n++) {
        for_channels<S>(f, [&]<typename T>(int64_t ch) {
            const int64_t at = (n * f + ch) * 9;
            T gcc[kPacked], g[9], v[9];
            load(gc + n * kPacked * f + ch, f, gcc);
            compact_adjoint(gcc, g);
            T sq{}, gdot{};
            for (int i = 0; i < 9; i++) {
                v[i] = gather9<T>(x + at, i);
                g[i] += gather9<T>(gxn + at, i);
                sq += v[i] * v[i];
                gdot += g[i] * v[i];
            }
            // xn = x / s, s = |x|^2 + 1: dL/dx = g / s - 2 x (g . x) / s^2
            const T inv = S(1) / (sq + S(1));
            for (int i = 0; i < 9; i++) scatter9(gx + at, i, g[i] * inv - S(2) * v[i] * gdot * inv * inv);
        });
    }
}

// Entry points, float and double (KernelEntryPoints.h picks one by dtype for Java), each
// compiled for AVX-512, AVX2 and plain x86-64.
#define TN4J_ATOM_UPDATE_TARGETS __attribute__((target_clones("avx512f", "avx2", "default"), flatten))

#define TN4J_ATOM_UPDATE_ENTRY_POINTS(T)                                                                      \
    TN4J_ATOM_UPDATE_TARGETS inline void normalisedInput(int64_t atoms, int64_t f, const T* x, T* xn, T* c) {   \
        normalised_input(atoms, f, x, xn, c);                                                                 \
    }                                                                                                         \
    TN4J_ATOM_UPDATE_TARGETS inline void normalisedInputVjp(int64_t atoms, int64_t f, const T* x,             \
            const T* gxn, const T* gc, T* gx) {                                                               \
        normalised_input_vjp(atoms, f, x, gxn, gc, gx);                                                       \
    }                                                                                                         \
    TN4J_ATOM_UPDATE_TARGETS inline void normalisedProducts(int64_t atoms, int64_t f, const T* m, const T* y, \
            const T* scale, bool o3, T* c) {                                                                  \
        if (o3) normalised_products<T, true>(atoms, f, m, y, scale, c);                                     \
        else normalised_products<T, false>(atoms, f, m, y, scale, c);                                    \
    }                                                                                                         \
    TN4J_ATOM_UPDATE_TARGETS inline void normalisedProductsVjp(int64_t atoms, int64_t f, const T* gc,         \
            const T* m, const T* y, const T* scale, bool o3, T* gm, T* gy) {                                  \
        if (o3) normalised_products_vjp<T, true>(atoms, f, gc, m, y, scale, gm, gy);                        \
        else normalised_products_vjp<T, false>(atoms, f, gc, m, y, scale, gm, gy);                       \
    }                                                                                                         \
    TN4J_ATOM_UPDATE_TARGETS inline void layerOutput(int64_t atoms, int64_t f, const T* x, const T* d,        \
            const T* scale, T* out) {                                                                         \
        layer_output(atoms, f, x, d, scale, out);                                                             \
    }                                                                                                         \
    TN4J_ATOM_UPDATE_TARGETS inline void layerOutputVjp(int64_t atoms, int64_t f, const T* gout, const T* d,  \
            const T* scale, T* gd) {                                                                          \
        layer_output_vjp(atoms, f, gout, d, scale, gd);                                                       \
    }

TN4J_ATOM_UPDATE_ENTRY_POINTS(float)
TN4J_ATOM_UPDATE_ENTRY_POINTS(double)

#undef TN4J_ATOM_UPDATE_ENTRY_POINTS
#undef TN4J_ATOM_UPDATE_TARGETS

}  // namespace atom_update
}  // namespace tensornet4j

#endif  // TENSORNET4J_KERNELS_CPU_ATOM_UPDATE_H_

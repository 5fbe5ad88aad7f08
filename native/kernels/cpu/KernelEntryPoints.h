#ifndef TENSORNET4J_KERNELS_CPU_KERNEL_ENTRY_POINTS_H_
#define TENSORNET4J_KERNELS_CPU_KERNEL_ENTRY_POINTS_H_

// One entry point per TensorNet CPU kernel for Java (org.tensornet4j.model.NativeKernels): the
// tensors' memory as untyped pointers plus a dtype code, dispatched here once to the float or
// double kernel. The Java side checks shapes, devices and dtypes before it calls (EdgeSums,
// AtomUpdate); an unknown code is a programming error and throws, which JavaCPP turns into a
// RuntimeException.

#include <cstdint>
#include <stdexcept>
#include <string>

#include "cpu/Activations.h"
#include "cpu/AtomParts.h"
#include "cpu/AtomUpdate.h"
#include "cpu/CoulombPairs.h"
#include "cpu/EdgeSums.h"

namespace tensornet4j {
namespace kernels {

// The codes org.tensornet4j.model.KernelArgs.dtype passes.
constexpr int kFloat32 = 0;
constexpr int kFloat64 = 1;

// Calls body(T{}) with T = float or double as `dtype` says.
template <typename Body>
inline void on_dtype(int dtype, const Body& body) {
    if (dtype == kFloat32) {
        body(float{});
    } else if (dtype == kFloat64) {
        body(double{});
    } else {
        throw std::invalid_argument("TensorNet's CPU kernels take float32 (0) or float64 (1), got dtype code " +
                                    std::to_string(dtype));
    }
}

template <typename T> inline const T* in(const void* p) { return static_cast<const T*>(p); }
template <typename T> inline T* out(void* p) { return static_cast<T*>(p); }

inline void neighborSum(int dtype, int64_t edges, int64_t f, const void* w, const void* ws, const int64_t* wrow,
                         const void* v, const int64_t* vrow, const int64_t* target, void* sums) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        edge_sums::neighborSum(edges, f, in<T>(w), in<T>(ws), wrow, in<T>(v), vrow, target, out<T>(sums));
    });
}

inline void neighborSumScaledWeightGrads(int dtype, int64_t edges, int64_t f, const void* g, const int64_t* target,
                                         const void* v, const int64_t* vrow, const void* m, const void* s, void* gm,
                                         void* gs) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        edge_sums::neighborSumScaledWeightGrads(edges, f, in<T>(g), target, in<T>(v), vrow, in<T>(m), in<T>(s),
                                                out<T>(gm), out<T>(gs));
    });
}

inline void componentSum(int dtype, int64_t edges, int64_t f, const void* w, const int64_t* wrow, const void* ew,
                         const void* comp, const int64_t* target, void* sums) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        edge_sums::componentSum(edges, f, in<T>(w), wrow, in<T>(ew), in<T>(comp), target, out<T>(sums));
    });
}

inline void neighborSumDistanceGrad(int dtype, int64_t edges, int64_t f, const void* g, const int64_t* target,
                                    const void* v, const int64_t* vrow, const int64_t* wrow, const void* t, void* gd) {
    on_dtype(dtype, [&](auto x) {
        using T = decltype(x);
        edge_sums::neighborSumDistanceGrad(edges, f, in<T>(g), target, in<T>(v), vrow, wrow, in<T>(t), out<T>(gd));
    });
}

inline void componentSumGrads(int dtype, int64_t edges, int64_t f, const void* g, const int64_t* target,
                              const void* w, const int64_t* wrow, const void* ew, const void* comp, void* gw,
                              void* gew, void* gcomp) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        edge_sums::componentSumGrads(edges, f, in<T>(g), target, in<T>(w), wrow, in<T>(ew), in<T>(comp), out<T>(gw),
                                     out<T>(gew), out<T>(gcomp));
    });
}

inline void normalisedInput(int dtype, int64_t atoms, int64_t f, const void* x, void* xn, void* c) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        atom_update::normalisedInput(atoms, f, in<T>(x), out<T>(xn), out<T>(c));
    });
}

inline void normalisedInputVjp(int dtype, int64_t atoms, int64_t f, const void* x, const void* gxn, const void* gc,
                               void* gx) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        atom_update::normalisedInputVjp(atoms, f, in<T>(x), in<T>(gxn), in<T>(gc), out<T>(gx));
    });
}

inline void normalisedProducts(int dtype, int64_t atoms, int64_t f, const void* m, const void* y, const void* scale,
                               bool o3, void* c) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        atom_update::normalisedProducts(atoms, f, in<T>(m), in<T>(y), in<T>(scale), o3, out<T>(c));
    });
}

inline void normalisedProductsVjp(int dtype, int64_t atoms, int64_t f, const void* gc, const void* m, const void* y,
                                  const void* scale, bool o3, void* gm, void* gy) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        atom_update::normalisedProductsVjp(atoms, f, in<T>(gc), in<T>(m), in<T>(y), in<T>(scale), o3, out<T>(gm),
                                           out<T>(gy));
    });
}

inline void layerOutput(int dtype, int64_t atoms, int64_t f, const void* x, const void* d, const void* scale,
                        void* result) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        atom_update::layerOutput(atoms, f, in<T>(x), in<T>(d), in<T>(scale), out<T>(result));
    });
}

inline void layerOutputVjp(int dtype, int64_t atoms, int64_t f, const void* gout, const void* d, const void* scale,
                           void* gd) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        atom_update::layerOutputVjp(atoms, f, in<T>(gout), in<T>(d), in<T>(scale), out<T>(gd));
    });
}

// ---- the embedding's output and the parts' norms (AtomParts.h)

inline void packedNormSum(int dtype, int64_t atoms, int64_t f, const void* p, void* result) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        atom_update::packedNormSum(atoms, f, in<T>(p), out<T>(result));
    });
}

inline void packedNormSumVjp(int dtype, int64_t atoms, int64_t f, const void* p, const void* g, void* gp) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        atom_update::packedNormSumVjp(atoms, f, in<T>(p), in<T>(g), out<T>(gp));
    });
}

inline void partNorms(int dtype, int64_t atoms, int64_t f, const void* x, void* result) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        atom_update::partNorms(atoms, f, in<T>(x), out<T>(result));
    });
}

inline void partNormsVjp(int dtype, int64_t atoms, int64_t f, const void* x, const void* g, void* gx) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        atom_update::partNormsVjp(atoms, f, in<T>(x), in<T>(g), out<T>(gx));
    });
}

inline void chargeFeatures(int dtype, int64_t atoms, int64_t f, const void* x, void* result) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        atom_update::chargeFeatures(atoms, f, in<T>(x), out<T>(result));
    });
}

inline void chargeFeaturesVjp(int dtype, int64_t atoms, int64_t f, const void* x, const void* g, void* gx) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        atom_update::chargeFeaturesVjp(atoms, f, in<T>(x), in<T>(g), out<T>(gx));
    });
}

inline void embeddingOutput(int dtype, int64_t atoms, int64_t f, const void* mixed, const void* factors, void* x) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        atom_update::embeddingOutput(atoms, f, in<T>(mixed), in<T>(factors), out<T>(x));
    });
}

inline void embeddingOutputVjp(int dtype, int64_t atoms, int64_t f, const void* gx, const void* mixed,
                               const void* factors, void* gmixed, void* gfactors) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        atom_update::embeddingOutputVjp(atoms, f, in<T>(gx), in<T>(mixed), in<T>(factors), out<T>(gmixed),
                                        out<T>(gfactors));
    });
}

// ---- TensorNet2's Coulomb term over all pairs of each molecule (CoulombPairs.h)

inline void coulombPairEnergies(int dtype, int64_t atoms, int64_t channels, const void* pos, const void* q, const void* w,
                                const int64_t* molecule, double halfConstant, int64_t rowBegin, int64_t rowEnd,
                                double* energies) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        coulomb_pairs::pairEnergies(atoms, channels, in<T>(pos), in<T>(q), in<T>(w), molecule, halfConstant, rowBegin,
                                    rowEnd, energies);
    });
}

inline void coulombPairEnergiesVjp(int dtype, int64_t atoms, int64_t channels, const void* pos, const void* q,
                                   const void* w, const int64_t* molecule, double halfConstant, int64_t rowBegin,
                                   int64_t rowEnd, const double* g, void* gq, void* gpos) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        coulomb_pairs::pairEnergiesVjp(atoms, channels, in<T>(pos), in<T>(q), in<T>(w), molecule, halfConstant, rowBegin,
                                       rowEnd, g, out<T>(gq), out<T>(gpos));
    });
}

// ---- the radial MLPs' activation (Activations.h)

inline void siluWithDerivative(int dtype, int64_t rows, int64_t width, const void* bias, void* z, void* d) {
    on_dtype(dtype, [&](auto t) {
        using T = decltype(t);
        activations::siluWithDerivative(rows, width, in<T>(bias), out<T>(z), out<T>(d));
    });
}

}  // namespace kernels
}  // namespace tensornet4j

#endif  // TENSORNET4J_KERNELS_CPU_KERNEL_ENTRY_POINTS_H_

#ifndef TENSORNET4J_KERNELS_CPU_COULOMB_PAIRS_H_
#define TENSORNET4J_KERNELS_CPU_COULOMB_PAIRS_H_

// TensorNet2's weighted Coulomb term over all pairs of each molecule (TorchMD-Net's
// ScalarPlusWeightedCoulomb without coulomb_cutoff), and its vector-Jacobian product, in one pass
// over the pairs each. With LibTorch ops the term makes [pairs, channels] tensors several times
// forward and backward: for DHFR (2 489 atoms, 3.1 M pairs, 12 channels) ~2 s per step; here each
// pair's numbers stay in registers.
//
// Per unordered pair i < j of the same molecule, at distance r:
//   e_ij = k/2 (1 - damp(r)) / r * sum_c w_c q_ic q_jc / sum_c w_c,
//   damp(r) = exp(1 / (x^2 - 1)) / exp(-1), x = min(r / 4.6, 1 - 1e-6)
// and e_ij is added to the energy of both atoms (org.tensornet4j.model.WeightedCoulombOutput says
// why and where the constants come from). Sums are in double whatever T is.
//
// Layouts (row-major): positions [atoms, 3]; charges [atoms, channels]; weights [channels];
// molecule int64 [atoms].

#include <cmath>
#include <cstdint>
#include <vector>

#include "cpu/FastExp.h"
#include "cpu/LaneSums.h"

namespace tensornet4j {
namespace coulomb_pairs {

constexpr double kDampingRange = 4.6;
constexpr double kMaxRatio = 1.0 - 1e-6;
constexpr double kExpMinusOne = 0.36787944117144233;

// Why per row of the pair matrix: for atom i, every step runs over the atoms j > i as one plain loop
// over columns of doubles (positions, charges times weights, one row of the screened inverse), which
// GCC vectorises; one pair at a time (the first version) these passes were scalar, with a library
// exp per pair: factor IX (5 807 atoms, 16.9 M pairs) took ~0.2 s forward and ~0.5 s backward per
// call, ~20 % of TensorNet2's. Sums over j are LaneSums.h's.

// The call's atoms by column, in double: positions, charges and charges times the channel weights
// (q_ic and w_c q_ic, [channels][atoms]); per-row scratch for the atoms j > i.
struct Columns {
    int64_t atoms, channels;
    std::vector<double> x, y, z, qd, wq;
    std::vector<double> dx, dy, dz, r, value, derivative, same, s;

    template <typename T>
    Columns(int64_t atoms, int64_t channels, const T* pos, const T* q, const T* w)
        : atoms(atoms), channels(channels), x(atoms), y(atoms), z(atoms), qd(channels * atoms), wq(channels * atoms),
          dx(atoms), dy(atoms), dz(atoms), r(atoms), value(atoms), derivative(atoms), same(atoms), s(atoms) {
        for (int64_t i = 0; i < atoms; i++) {
            x[i] = double(pos[i * 3]);
            y[i] = double(pos[i * 3 + 1]);
            z[i] = double(pos[i * 3 + 2]);
            for (int64_t c = 0; c < channels; c++) {
                qd[c * atoms + i] = double(q[i * channels + c]);
                wq[c * atoms + i] = double(w[c]) * qd[c * atoms + i];
            }
        }
    }

    // Row i: for the n = atoms - i - 1 atoms j > i (index k = j - i - 1), pos_i - pos_j, the distance,
    // the screened inverse (1 - damp(r)) / r and its derivative, 1 where j is in i's molecule (else 0),
    // and s = sum_c w_c q_ic q_jc.
    int64_t row(int64_t i, const int64_t* molecule) {
        const int64_t first = i + 1, n = atoms - first;
        const double xi = x[i], yi = y[i], zi = z[i];
        const int64_t mi = molecule[i];
        for (int64_t k = 0; k < n; k++) {
            const int64_t j = first + k;
            dx[k] = xi - x[j];
            dy[k] = yi - y[j];
            dz[k] = zi - z[j];
            r[k] = std::sqrt(dx[k] * dx[k] + dy[k] * dy[k] + dz[k] * dz[k]);
            same[k] = molecule[j] == mi ? 1.0 : 0.0;
        }
        screened_inverse(n, r.data(), value.data(), derivative.data());
        for (int64_t k = 0; k < n; k++) s[k] = 0;
        for (int64_t c = 0; c < channels; c++) {
            // (w_c q_ic) q_jc: the first version's product, in its order.
            const double wqi = wq[c * atoms + i];
            const double* qj = qd.data() + c * atoms + first;
            for (int64_t k = 0; k < n; k++) s[k] += wqi * qj[k];
        }
        return n;
    }

    // (1 - damp(r)) / r and its derivative with respect to r, damp(r) = exp(1 / (x^2 - 1)) / exp(-1),
    // x = r / 4.6. Past x = 1 - 1e-6 the damping is clamped: exp(1 / ((1 - 1e-6)^2 - 1)) = exp(-5e5) is 0
    // in double, and so is its gradient there (as LibTorch's clamp makes it); both are selected as 0.
    static void screened_inverse(int64_t n, const double* r, double* value, double* derivative) {
        constexpr double dx = 1.0 / kDampingRange;
        for (int64_t k = 0; k < n; k++) {
            const double inv = 1.0 / r[k];
            const double ratio = r[k] * dx;
            const bool far = ratio > kMaxRatio;
            const double x = far ? kMaxRatio : ratio;
            const double a = x * x - 1.0;
            const double near = fast_exp::exp_of(1.0 / a) / kExpMinusOne;
            const double damp = far ? 0.0 : near;
            // d damp / dr = damp * (-1 / a^2) * 2 x dx
            const double ddamp = damp * (-2.0 * x * dx / (a * a));
            value[k] = (1.0 - damp) * inv;
            derivative[k] = -ddamp * inv - (1.0 - damp) * inv * inv;
        }
    }
};

template <typename T>
inline double pair_scale(int64_t channels, const T* w, double halfConstant) {
    double wsum = 0;
    for (int64_t c = 0; c < channels; c++) wsum += double(w[c]);
    return halfConstant / wsum;
}

// energies[i] (double, accumulated) += e_ij over every j != i of i's molecule, for the pairs i < j
// with rowBegin <= i < rowEnd: two threads that take disjoint row ranges, each into energies of its
// own, make all pairs between them. halfConstant: k/2 in the energy unit times Å.
template <typename T>
inline void pair_energies(int64_t atoms, int64_t channels, const T* pos, const T* q, const T* w, const int64_t* molecule,
                          double halfConstant, int64_t rowBegin, int64_t rowEnd, double* energies) {
    const double scale = pair_scale(channels, w, halfConstant);
    Columns cols(atoms, channels, pos, q, w);
    for (int64_t i = rowBegin; i < rowEnd; i++) {
        const int64_t n = cols.row(i, molecule);
        double* ej = energies + i + 1;
        for (int64_t k = 0; k < n; k++) ej[k] += scale * cols.value[k] * cols.s[k] * cols.same[k];
        // The same terms, summed for atom i.
        energies[i] += scale * lane_sums::dot3(cols.value.data(), cols.s.data(), cols.same.data(), n);
    }
}

// Given g[i] = dL/d energies[i], accumulates dL/dq into gq [atoms, channels] and dL/dpos into
// gpos [atoms, 3] (both T, +=), for the pairs of rows rowBegin..rowEnd-1 (as pair_energies).
template <typename T>
inline void pair_energies_vjp(int64_t atoms, int64_t channels, const T* pos, const T* q, const T* w,
                              const int64_t* molecule, double halfConstant, int64_t rowBegin, int64_t rowEnd,
                              const double* g, T* gq, T* gpos) {
    const double scale = pair_scale(channels, w, halfConstant);
    Columns cols(atoms, channels, pos, q, w);
    // Both atoms' shares of each pair accumulate in double by column ([channels + 3][atoms]: the
    // charges', then the positions'), written back at the end.
    std::vector<double> acc((channels + 3) * atoms, 0.0);
    std::vector<double> wv(atoms), radial(atoms);
    for (int64_t i = rowBegin; i < rowEnd; i++) {
        const int64_t n = cols.row(i, molecule);
        const int64_t first = i + 1;
        for (int64_t k = 0; k < n; k++) {
            // The pair is in both atoms' energies: weight g_i + g_j.
            const double weight = (g[i] + g[first + k]) * scale * cols.same[k];
            wv[k] = weight * cols.value[k];
            // d r / d pos_i = (pos_i - pos_j) / r = -d r / d pos_j.
            radial[k] = weight * cols.s[k] * cols.derivative[k] / cols.r[k];
        }
        for (int64_t c = 0; c < channels; c++) {
            double* ac = acc.data() + c * atoms;
            const double wqi = cols.wq[c * atoms + i];
            // d/dq_ic: sum_j wv_ij w_c q_jc; d/dq_jc: wv_ij w_c q_ic.
            ac[i] += lane_sums::dot2(wv.data(), cols.wq.data() + c * atoms + first, n);
            for (int64_t k = 0; k < n; k++) ac[first + k] += wv[k] * wqi;
        }
        const double* d[3] = {cols.dx.data(), cols.dy.data(), cols.dz.data()};
        for (int a = 0; a < 3; a++) {
            double* ap = acc.data() + (channels + a) * atoms;
            ap[i] += lane_sums::dot2(radial.data(), d[a], n);
            for (int64_t k = 0; k < n; k++) ap[first + k] -= radial[k] * d[a][k];
        }
    }
    for (int64_t i = 0; i < atoms; i++) {
        for (int64_t c = 0; c < channels; c++) gq[i * channels + c] += T(acc[c * atoms + i]);
        for (int a = 0; a < 3; a++) gpos[i * 3 + a] += T(acc[(channels + a) * atoms + i]);
    }
}

// Entry points, float and double (KernelEntryPoints.h picks one by dtype for Java), each compiled for
// AVX-512, AVX2 and plain x86-64.
#define TN4J_COULOMB_PAIRS_TARGETS __attribute__((target_clones("avx512f", "avx2", "default"), flatten))

#define TN4J_COULOMB_PAIRS_ENTRY_POINTS(T)                                                                    \
    TN4J_COULOMB_PAIRS_TARGETS inline void pairEnergies(int64_t atoms, int64_t channels, const T* pos,        \
            const T* q, const T* w, const int64_t* molecule, double halfConstant, int64_t rowBegin,           \
            int64_t rowEnd, double* energies) {                                                               \
        pair_energies(atoms, channels, pos, q, w, molecule, halfConstant, rowBegin, rowEnd, energies);        \
    }                                                                                                         \
    TN4J_COULOMB_PAIRS_TARGETS inline void pairEnergiesVjp(int64_t atoms, int64_t channels, const T* pos,     \
            const T* q, const T* w, const int64_t* molecule, double halfConstant, int64_t rowBegin,           \
            int64_t rowEnd, const double* g, T* gq, T* gpos) {                                                \
        pair_energies_vjp(atoms, channels, pos, q, w, molecule, halfConstant, rowBegin, rowEnd, g, gq, gpos); \
    }

TN4J_COULOMB_PAIRS_ENTRY_POINTS(float)
TN4J_COULOMB_PAIRS_ENTRY_POINTS(double)

#undef TN4J_COULOMB_PAIRS_ENTRY_POINTS
#undef TN4J_COULOMB_PAIRS_TARGETS

}  // namespace coulomb_pairs
}  // namespace tensornet4j

#endif  // TENSORNET4J_KERNELS_CPU_COULOMB_PAIRS_H_

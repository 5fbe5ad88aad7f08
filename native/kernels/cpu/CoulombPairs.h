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

namespace tensornet4j {
namespace coulomb_pairs {

constexpr double kDampingRange = 4.6;
constexpr double kMaxRatio = 1.0 - 1e-6;
constexpr double kExpMinusOne = 0.36787944117144233;

// (1 - damp(r)) / r and its derivative with respect to r. Past the clamp the damping is constant
// (its gradient zero there, as LibTorch's clamp makes it).
inline void screened_inverse(double r, double& value, double& derivative) {
    double x = r / kDampingRange;
    double inv = 1.0 / r;
    if (x > kMaxRatio) {
        // damp = exp(1 / ((1 - 1e-6)^2 - 1)) / exp(-1) = exp(-5e5) / exp(-1), which is 0 in double.
        value = inv;
        derivative = -inv * inv;
        return;
    }
    double dx = 1.0 / kDampingRange;
    double a = x * x - 1.0;
    double damp = std::exp(1.0 / a) / kExpMinusOne;
    // d damp / dr = damp * (-1 / a^2) * 2 x dx
    double ddamp = damp * (-2.0 * x * dx / (a * a));
    value = (1.0 - damp) * inv;
    derivative = -ddamp * inv - (1.0 - damp) * inv * inv;
}

template <typename T>
inline double distance(const T* pos, int64_t i, int64_t j, double d[3]) {
    for (int k = 0; k < 3; k++) d[k] = double(pos[i * 3 + k]) - double(pos[j * 3 + k]);
    return std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
}

// energies[i] (double, accumulated) += e_ij over every j != i of i's molecule.
// halfConstant: k/2 in the energy unit times Å.
template <typename T>
inline void pair_energies(int64_t atoms, int64_t channels, const T* pos, const T* q, const T* w, const int64_t* molecule,
                          double halfConstant, double* energies) {
    double wsum = 0;
    for (int64_t c = 0; c < channels; c++) wsum += double(w[c]);
    const double scale = halfConstant / wsum;
    for (int64_t i = 0; i < atoms; i++) {
        const T* qi = q + i * channels;
        double sum_i = 0;
        for (int64_t j = i + 1; j < atoms; j++) {
            if (molecule[j] != molecule[i]) continue;
            const T* qj = q + j * channels;
            double s = 0;
            for (int64_t c = 0; c < channels; c++) s += double(w[c]) * double(qi[c]) * double(qj[c]);
            double d[3], value, derivative;
            screened_inverse(distance(pos, i, j, d), value, derivative);
            double e = scale * value * s;
            sum_i += e;
            energies[j] += e;
        }
        energies[i] += sum_i;
    }
}

// Given g[i] = dL/d energies[i], accumulates dL/dq into gq [atoms, channels] and dL/dpos into
// gpos [atoms, 3] (both T, +=).
template <typename T>
inline void pair_energies_vjp(int64_t atoms, int64_t channels, const T* pos, const T* q, const T* w,
                              const int64_t* molecule, double halfConstant, const double* g, T* gq, T* gpos) {
    double wsum = 0;
    for (int64_t c = 0; c < channels; c++) wsum += double(w[c]);
    const double scale = halfConstant / wsum;
    // Each pair once; both atoms' shares accumulate in double, written back at the end.
    const int64_t row = channels + 3;
    std::vector<double> acc(atoms * row, 0.0);
    for (int64_t i = 0; i < atoms; i++) {
        const T* qi = q + i * channels;
        double* ai = acc.data() + i * row;
        for (int64_t j = i + 1; j < atoms; j++) {
            if (molecule[j] != molecule[i]) continue;
            const T* qj = q + j * channels;
            double* aj = acc.data() + j * row;
            double d[3], value, derivative;
            double r = distance(pos, i, j, d);
            screened_inverse(r, value, derivative);
            // The pair is in both atoms' energies: weight g_i + g_j.
            double weight = (g[i] + g[j]) * scale;
            double wv = weight * value;
            double s = 0;
            for (int64_t c = 0; c < channels; c++) {
                double wc = double(w[c]);
                double qic = double(qi[c]), qjc = double(qj[c]);
                s += wc * qic * qjc;
                ai[c] += wv * wc * qjc;
                aj[c] += wv * wc * qic;
            }
            // d r / d pos_i = (pos_i - pos_j) / r = -d r / d pos_j.
            double radial = weight * s * derivative / r;
            for (int k = 0; k < 3; k++) {
                ai[channels + k] += radial * d[k];
                aj[channels + k] -= radial * d[k];
            }
        }
    }
    for (int64_t i = 0; i < atoms; i++) {
        const double* ai = acc.data() + i * row;
        for (int64_t c = 0; c < channels; c++) gq[i * channels + c] += T(ai[c]);
        for (int k = 0; k < 3; k++) gpos[i * 3 + k] += T(ai[channels + k]);
    }
}

}  // namespace coulomb_pairs
}  // namespace tensornet4j

#endif  // TENSORNET4J_KERNELS_CPU_COULOMB_PAIRS_H_

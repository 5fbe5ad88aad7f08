// CPU twins of the engine-layout CUDA kernels (native/kernels/gpu/EngineLayouts.h) against hand-built
// OpenMM-like layouts: posq padded to 32 slots with atoms reordered, padding filled with NaN (a gather
// that read it would show), fixed-point force buffers holding other forces' contributions. Runs without
// a GPU; the kernels call the same per-slot functions.

#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

#include "gpu/EngineLayouts.h"

using namespace tensornet4j::kernels;

namespace {

int failures = 0;

void check(bool ok, const char* what, double got, double want) {
    if (!ok) {
        std::printf("FAIL %s: got %.17g, want %.17g\n", what, got, want);
        ++failures;
    }
}

constexpr int kAtoms = 5;
constexpr int kPadded = 32;
// Slot s holds atom kAtomIndex[s], as after OpenMM's reordering.
const int kAtomIndex[kAtoms] = {3, 0, 4, 1, 2};

double coordinate(int atom, int k) { return 0.25 * atom + 1.5 * k - 0.375; }
double force(int atom, int k) { return (atom + 1) * (k == 1 ? -0.5 : 0.75) + 0.001 * k; }

template <typename R>
std::vector<R> openmm_posq() {
    std::vector<R> posq(4 * kPadded, std::numeric_limits<R>::quiet_NaN());
    for (int s = 0; s < kAtoms; ++s) {
        for (int k = 0; k < 3; ++k) posq[4 * s + k] = static_cast<R>(coordinate(kAtomIndex[s], k));
        posq[4 * s + 3] = static_cast<R>(-0.8);  // the charge, never read
    }
    return posq;
}

template <typename R, typename T>
void gather() {
    const std::vector<R> posq = openmm_posq<R>();
    std::vector<T> positions(3 * kAtoms, T(-99));
    gather_positions_cpu<R, T>(kAtoms, posq.data(), kAtomIndex, T(10), positions.data());
    for (int atom = 0; atom < kAtoms; ++atom)
        for (int k = 0; k < 3; ++k) {
            const double want = static_cast<double>(static_cast<T>(static_cast<R>(coordinate(atom, k)))) * 10;
            check(positions[3 * atom + k] == static_cast<T>(want), "gather: original order, scaled",
                  positions[3 * atom + k], want);
        }
    // Without a permutation slot s is atom s.
    gather_positions_cpu<R, T>(kAtoms, posq.data(), nullptr, T(1), positions.data());
    check(positions[3 * 0 + 2] == static_cast<T>(static_cast<R>(coordinate(kAtomIndex[0], 2))), "gather: identity",
          positions[2], coordinate(kAtomIndex[0], 2));
}

template <typename R, typename T>
void scatter_fixed_point() {
    std::vector<T> forces(3 * kAtoms);
    for (int atom = 0; atom < kAtoms; ++atom)
        for (int k = 0; k < 3; ++k) forces[3 * atom + k] = static_cast<T>(force(atom, k));
    // Other forces already accumulated: 1.0 in every cell, including the padding.
    std::vector<long long> buffer(3 * kPadded, 1LL << 32);
    scatter_forces_fixed_point_cpu<R, T>(kAtoms, kPadded, forces.data(), kAtomIndex, T(2), buffer.data());
    for (int s = 0; s < kPadded; ++s)
        for (int k = 0; k < 3; ++k) {
            long long want = 1LL << 32;
            if (s < kAtoms) {
                const R f = static_cast<R>(static_cast<T>(force(kAtomIndex[s], k)) * T(2));
                want += static_cast<long long>(f * static_cast<R>(4294967296.0));
            }
            const long long got = buffer[s + k * kPadded];
            check(got == want, "fixed point: slot s, component k at s + k*padded", double(got), double(want));
        }
    // Read back the engine's way: 1 + 2 f within 2^-32 (and float rounding of the terms where float is involved).
    const double rounding = (sizeof(R) == 4 || sizeof(T) == 4) ? 1e-6 : 1e-9;
    for (int s = 0; s < kAtoms; ++s) {
        const double f = force(kAtomIndex[s], 1);
        const double got = from_fixed_point(buffer[s + 1 * kPadded]);
        const double want = 1 + 2 * f;
        check(std::fabs(got - want) <= rounding * (1 + 2 * std::fabs(f)), "fixed point: value read back", got, want);
    }
}

template <typename R, typename T>
void scatter_real() {
    std::vector<T> forces(3 * kAtoms);
    for (int atom = 0; atom < kAtoms; ++atom)
        for (int k = 0; k < 3; ++k) forces[3 * atom + k] = static_cast<T>(force(atom, k));
    std::vector<R> engine(3 * kAtoms, R(5));
    scatter_forces_real_cpu<R, T>(kAtoms, forces.data(), kAtomIndex, T(1), true, engine.data());
    check(engine[3 * 2 + 0] == R(5) + static_cast<R>(static_cast<T>(force(kAtomIndex[2], 0))), "real: added",
          engine[6], 5 + force(kAtomIndex[2], 0));
    scatter_forces_real_cpu<R, T>(kAtoms, forces.data(), kAtomIndex, T(1), false, engine.data());
    for (int s = 0; s < kAtoms; ++s)
        for (int k = 0; k < 3; ++k)
            check(engine[3 * s + k] == static_cast<R>(static_cast<T>(force(kAtomIndex[s], k))), "real: overwritten",
                  engine[3 * s + k], force(kAtomIndex[s], k));
}

void fixed_point_conversion() {
    check(to_fixed_point(1.0) == (1LL << 32), "1.0 is 2^32", double(to_fixed_point(1.0)), 4294967296.0);
    check(to_fixed_point(-0.5) == -(1LL << 31), "-0.5 is -2^31", double(to_fixed_point(-0.5)), -2147483648.0);
    // Truncation toward zero, as OpenMM's static_cast: 1.5 * 2^-32 -> 1, -1.5 * 2^-32 -> -1.
    check(to_fixed_point(1.5 / 4294967296.0) == 1, "truncates toward zero", double(to_fixed_point(1.5 / 4294967296.0)), 1);
    check(to_fixed_point(-1.5 / 4294967296.0) == -1, "truncates toward zero (negative)",
          double(to_fixed_point(-1.5 / 4294967296.0)), -1);
    // Float engines multiply in float: 0.1f * 2^32 in float, not the double product.
    const long long inFloat = static_cast<long long>(0.1f * 4294967296.0f);
    check(to_fixed_point(0.1f) == inFloat, "float engines convert in float", double(to_fixed_point(0.1f)), double(inFloat));
    check(from_fixed_point(to_fixed_point(-123.25)) == -123.25, "round trip", from_fixed_point(to_fixed_point(-123.25)), -123.25);
    // Accumulation wraps as the GPU's unsigned atomicAdd: a sum that overflows and comes back is exact.
    const long long big = to_fixed_point(2.0e9);
    long long sum = add_wrapping(add_wrapping(big, big), -big);
    check(sum == big, "wraparound accumulation", double(sum), double(big));
}

}  // namespace

int main() {
    fixed_point_conversion();
    gather<float, float>();
    gather<float, double>();
    gather<double, float>();
    gather<double, double>();
    scatter_fixed_point<float, float>();
    scatter_fixed_point<float, double>();
    scatter_fixed_point<double, float>();
    scatter_fixed_point<double, double>();
    scatter_real<float, float>();
    scatter_real<double, double>();
    scatter_real<float, double>();
    if (failures) {
        std::printf("%d check(s) failed\n", failures);
        return 1;
    }
    std::printf("engine layouts: gather, fixed-point and real scatter agree with the hand-built OpenMM layouts\n");
    return 0;
}

#ifndef TN4J_LAMMPS_COUPLING_H_
#define TN4J_LAMMPS_COUPLING_H_

#include "Settings.h"
#include "Units.h"

#include <string>
#include <vector>

struct tn4j_potential;

namespace tn4j::lammps {

/** A LAMMPS simulation box as LAMMPS keeps it: (xlo, ylo, zlo), (xhi, yhi, zhi), the tilts xy, xz, yz
 * (0 for an orthogonal box) and which directions are periodic. Its edge vectors a = (xhi-xlo, 0, 0),
 * b = (xy, yhi-ylo, 0), c = (xz, yz, zhi-zlo) are already the model's lower-triangular form. */
struct Box {
    double lo[3] = {0, 0, 0};
    double hi[3] = {0, 0, 0};
    double xy = 0, xz = 0, yz = 0;
    int periodic[3] = {0, 0, 0};
};

/** The atoms of one call: numAtoms rows of LAMMPS positions x (LAMMPS length unit) and their types
 * (1..number of types). Every atom of the system, owned once (no ghost atoms). */
struct Frame {
    int numAtoms = 0;
    const int* types = nullptr;
    const double* const* x = nullptr;
    Box box;
};

/** Energy and global virial of a call, in LAMMPS units; virial in LAMMPS's order xx, yy, zz, xy, xz, yz
 * (energy units: sum of r (x) f, so that P = (N k T + trace / 3) / V). */
struct StepResult {
    double energy = 0.0;
    double virial[6] = {0, 0, 0, 0, 0, 0};
};

/** The engine-side adapter between LAMMPS and a tensornet4j potential, free of how LAMMPS is reached
 * (fix external callback today, a pair style on a LAMMPS built with PLUGIN later): type -> atomic
 * number, LAMMPS box -> model box, unit conversion, the C ABI call, and errors as exceptions. */
class Coupling {
public:
    /** Creates the Java potential (the JVM on first use). lammpsUnitStyle: LAMMPS's `units`; numTypes:
     * LAMMPS's number of atom types, which must match the settings' elements. Throws
     * std::invalid_argument (a setting) or std::runtime_error (the potential could not be created). */
    Coupling(const Settings& settings, const std::string& lammpsUnitStyle, int numTypes);
    ~Coupling();
    Coupling(const Coupling&) = delete;
    Coupling& operator=(const Coupling&) = delete;

    /** Energy, forces (written into forces[i][0..2], LAMMPS units, overwriting) and the virial of a
     * frame; per-atom energies into atomEnergies (numAtoms doubles) unless it is null. Throws
     * std::runtime_error naming the problem (bad box, unknown type, the model's error). */
    StepResult compute(const Frame& frame, double* const* forces, double* atomEnergies);

    const Settings& settings() const { return settings_; }
    const UnitConversion& units() const { return units_; }
    /** The model's cutoff and receptive field in LAMMPS length units (what a pair style's ghost
     * cutoff would be: the receptive field). */
    double cutoff() const;
    double receptiveField() const;
    /** The model's energy unit (from the checkpoint or the energy_unit setting). */
    const std::string& modelEnergyUnit() const { return modelEnergyUnit_; }

    /** Calls so far and the wall time spent inside tn4j_evaluate and in the whole of compute (the
     * adapter's copies and conversions around it), for benchmarks. */
    struct Timing {
        long calls = 0;
        double evaluateSeconds = 0.0;
        double computeSeconds = 0.0;
    };
    const Timing& timing() const { return timing_; }

private:
    void boxRows(const Box& box, double rows[9]) const;

    Settings settings_;
    tn4j_potential* potential_ = nullptr;
    std::string modelEnergyUnit_;
    UnitConversion units_;
    // Buffers reused every call (resized when the atom count changes).
    std::vector<int> numbers_;
    std::vector<double> positions_, forces_, atomEnergies_;
    Timing timing_;
};

}  // namespace tn4j::lammps

#endif

#ifndef TN4J_LAMMPS_UNITS_H_
#define TN4J_LAMMPS_UNITS_H_

#include <string>

namespace tn4j::lammps {

/** How model quantities (the model's energy unit, Angstrom) become quantities of a LAMMPS unit style.
 * Only `metal` (eV, Angstrom) and `real` (kcal/mol, Angstrom) are supported: both measure length in
 * Angstrom like the model, so only energies (and forces, virials through them) are scaled. */
struct UnitConversion {
    std::string lammpsStyle;  // "metal" or "real"
    double energy = 1.0;      // model energy unit -> LAMMPS energy unit
    double length = 1.0;      // Angstrom -> LAMMPS length unit (1 for both styles, kept explicit)
    double force() const { return energy / length; }
};

/** The conversion from modelEnergyUnit ("eV", "kcal/mol", "kJ/mol", "hartree"; case-insensitive) to
 * LAMMPS unit style lammpsStyle. Throws std::invalid_argument naming the problem and the fix for any
 * other style or unit. */
UnitConversion unitConversion(const std::string& lammpsStyle, const std::string& modelEnergyUnit);

}  // namespace tn4j::lammps

#endif

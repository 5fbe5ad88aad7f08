#ifndef TENSORNET_PLUGIN_UNITS_H_
#define TENSORNET_PLUGIN_UNITS_H_

// Named units of the model and their OpenMM equivalents. Nothing is guessed: an unknown name is an
// OpenMMException that names the setting and lists the known units.

#include <string>

namespace TensorNetPlugin {
namespace units {

/** kJ/mol per model energy unit for "eV", "kcal/mol", "kJ/mol", "hartree" (case-insensitive). */
double kilojoulesPerMole(const std::string& energyUnit);

/** The same for the unit a checkpoint records (energy_unit), used when setEnergyUnit was not called. */
double recordedKilojoulesPerMole(const std::string& recorded);

/** nm per model length unit for "angstrom" ("A", "Å"), "nm", "bohr" (case-insensitive). */
double nanometres(const std::string& lengthUnit);

}  // namespace units
}  // namespace TensorNetPlugin

#endif

#ifndef TN4J_LAMMPS_SETTINGS_H_
#define TN4J_LAMMPS_SETTINGS_H_

#include <string>
#include <vector>

namespace tn4j::lammps {

/** What the input script's tensornet4j command says (the words after the command name):
 *
 *   tensornet4j FIXID model PATH elements E1 [E2 ...] [charge Q] [energy_unit UNIT]
 *               [atom_energies yes|no] [class JAVA_CLASS] [set KEY VALUE ...]
 *
 * FIXID: a `fix ID all external pf/callback Ncall Napply` defined before. elements: one element symbol
 * per LAMMPS atom type, in type order. charge: the system's total charge (elementary charges, default 0).
 * energy_unit: the model's energy unit when the checkpoint does not record it. atom_energies: also hand
 * LAMMPS per-atom energies (compute pe/atom) each step. class: the Java potential class (default
 * TensorNet). set KEY VALUE: any other key of the potential's JSON configuration (VALUE as JSON when it
 * parses as JSON, else as a string), repeatable. */
struct Settings {
    std::string fixId;
    std::string model;
    std::vector<std::string> elements;
    std::vector<int> atomicNumbers;  // per type, from elements
    double charge = 0.0;
    std::string energyUnit;          // empty: the model's own
    bool atomEnergies = false;
    std::string className = "org.tensornet4j.TensorNetPotential";
    std::vector<std::pair<std::string, std::string>> extra;  // set KEY VALUE

    /** The JSON configuration for tn4j_create (no atomic_numbers: they go with each call). */
    std::string configJson() const;
};

/** Parses the words after `tensornet4j`. Throws std::invalid_argument naming the bad word and the fix. */
Settings parseSettings(const std::vector<std::string>& words);

}  // namespace tn4j::lammps

#endif

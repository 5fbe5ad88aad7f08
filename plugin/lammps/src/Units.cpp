#include "Units.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>
#include <vector>

namespace tn4j::lammps {

namespace {
using Table = std::vector<std::pair<std::string, double>>;

// Each energy unit in eV (CODATA 2018, the values the OpenMM plugin's Units.cpp uses in kJ/mol).
const double kJPerMolPerEv = 96.48533212331002;
const Table energyInEv = {
    {"eV", 1.0},
    {"kcal/mol", 4.184 / kJPerMolPerEv},
    {"kJ/mol", 1.0 / kJPerMolPerEv},
    {"hartree", 27.211386245988},
};

// LAMMPS unit styles this adapter supports: their energy unit (lengths are Angstrom in both).
const std::vector<std::pair<std::string, std::string>> lammpsEnergyUnit = {{"metal", "eV"}, {"real", "kcal/mol"}};

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

double inEv(const std::string& unit) {
    std::string known;
    for (const auto& [name, value] : energyInEv) {
        if (lower(name) == lower(unit)) return value;
        known += (known.empty() ? "" : ", ") + name;
    }
    if (unit.empty()) {
        throw std::invalid_argument("the model does not record its energy unit; add 'energy_unit UNIT' to the "
                                    "tensornet4j command (one of " + known + ")");
    }
    throw std::invalid_argument("unknown energy unit '" + unit + "'; use one of " + known);
}
}  // namespace

UnitConversion unitConversion(const std::string& lammpsStyle, const std::string& modelEnergyUnit) {
    for (const auto& [style, energyUnit] : lammpsEnergyUnit) {
        if (style == lammpsStyle) {
            UnitConversion conversion;
            conversion.lammpsStyle = style;
            conversion.energy = inEv(modelEnergyUnit) / inEv(energyUnit);
            return conversion;
        }
    }
    throw std::invalid_argument("units " + lammpsStyle + " is not supported; use 'units metal' (eV, Angstrom) or "
                                "'units real' (kcal/mol, Angstrom) before the box is created");
}

}  // namespace tn4j::lammps

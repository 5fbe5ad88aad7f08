#include "internal/Units.h"

#include "openmm/OpenMMException.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

namespace TensorNetPlugin {
namespace units {
namespace {

using Table = std::vector<std::pair<std::string, double>>;

// CODATA 2018 (the values OpenMM's own unit module uses).
const Table energyUnits = {
    {"eV", 96.48533212331002},
    {"kcal/mol", 4.184},
    {"kJ/mol", 1.0},
    {"hartree", 2625.4996394798254},
};

const Table lengthUnits = {
    {"angstrom", 0.1},
    {"A", 0.1},
    {"\xC3\x85", 0.1},  // Å
    {"nm", 1.0},
    {"bohr", 0.0529177210903},
};

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

std::string names(const Table& table) {
    std::string joined;
    for (const auto& entry : table) joined += (joined.empty() ? "" : ", ") + entry.first;
    return joined;
}

double lookup(const Table& table, const std::string& name, const std::string& setting) {
    if (name.empty()) {
        throw OpenMM::OpenMMException("TensorNetForce: the " + setting + " is not set; choose one of " + names(table));
    }
    for (const auto& entry : table) {
        if (lower(entry.first) == lower(name)) return entry.second;
    }
    throw OpenMM::OpenMMException("TensorNetForce: unknown " + setting + " \"" + name + "\"; choose one of " + names(table));
}

}  // namespace

double kilojoulesPerMole(const std::string& energyUnit) {
    return lookup(energyUnits, energyUnit, "energy unit (setEnergyUnit)");
}

double recordedKilojoulesPerMole(const std::string& recorded) {
    if (recorded.empty()) {
        throw OpenMM::OpenMMException("TensorNetForce: the energy unit is not set and the checkpoint records none (no"
                                      " energy_unit hyper-parameter, as in TorchMD-Net's own checkpoints): call setEnergyUnit"
                                      " with the unit of the energies the model was trained on, one of " + names(energyUnits));
    }
    return lookup(energyUnits, recorded, "energy unit the checkpoint records (energy_unit; setEnergyUnit overrides it)");
}

double nanometres(const std::string& lengthUnit) {
    return lookup(lengthUnits, lengthUnit, "length unit (setLengthUnit)");
}

}  // namespace units
}  // namespace TensorNetPlugin

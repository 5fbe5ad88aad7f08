#include "Settings.h"

#include "Elements.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <set>
#include <stdexcept>

namespace tn4j::lammps {

namespace {
const std::string kUsage =
    "usage: tensornet4j FIXID model PATH elements E1 [E2 ...] [charge Q] [energy_unit UNIT] "
    "[atom_energies yes|no] [class JAVA_CLASS] [set KEY VALUE]";
const std::set<std::string> kKeywords = {"model", "elements", "charge", "energy_unit", "atom_energies", "class", "set"};

[[noreturn]] void fail(const std::string& why) { throw std::invalid_argument(why + "; " + kUsage); }

double number(const std::string& keyword, const std::string& text) {
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0') fail(keyword + " needs a number, got '" + text + "'");
    return value;
}
}  // namespace

Settings parseSettings(const std::vector<std::string>& words) {
    if (words.empty() || kKeywords.count(words[0])) fail("the first word must be the ID of the fix external");
    Settings settings;
    settings.fixId = words[0];
    std::set<std::string> seen;
    for (size_t i = 1; i < words.size();) {
        const std::string& keyword = words[i++];
        if (!kKeywords.count(keyword)) fail("unknown keyword '" + keyword + "'");
        if (keyword != "set" && !seen.insert(keyword).second) fail("'" + keyword + "' is given twice");
        auto value = [&]() -> const std::string& {
            if (i >= words.size()) fail("'" + keyword + "' needs a value");
            return words[i++];
        };
        if (keyword == "model") {
            settings.model = value();
        } else if (keyword == "elements") {
            while (i < words.size() && !kKeywords.count(words[i])) settings.elements.push_back(words[i++]);
            if (settings.elements.empty()) fail("'elements' needs one element symbol per atom type");
        } else if (keyword == "charge") {
            settings.charge = number("charge", value());
        } else if (keyword == "energy_unit") {
            settings.energyUnit = value();
        } else if (keyword == "atom_energies") {
            const std::string& flag = value();
            if (flag != "yes" && flag != "no") fail("atom_energies needs yes or no, got '" + flag + "'");
            settings.atomEnergies = flag == "yes";
        } else if (keyword == "class") {
            settings.className = value();
        } else {
            std::string key = value();
            settings.extra.emplace_back(key, value());
        }
    }
    if (settings.elements.empty()) fail("'elements' is missing (one element symbol per atom type, e.g. elements O H)");
    if (settings.model.empty() && settings.className == Settings().className) {
        fail("'model' is missing (the path of a TorchMD-Net checkpoint)");
    }
    for (size_t type = 0; type < settings.elements.size(); type++) {
        int z = atomicNumber(settings.elements[type]);
        if (z == 0) {
            throw std::invalid_argument("unknown element '" + settings.elements[type] + "' for atom type " +
                                        std::to_string(type + 1) + "; give element symbols such as O H C N");
        }
        settings.atomicNumbers.push_back(z);
    }
    return settings;
}

std::string Settings::configJson() const {
    nlohmann::json config = nlohmann::json::object();
    if (!model.empty()) config["checkpoint"] = model;
    config["charge"] = charge;
    if (!energyUnit.empty()) config["energy_unit"] = energyUnit;
    for (const auto& [key, text] : extra) {
        nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
        config[key] = value.is_discarded() ? nlohmann::json(text) : value;
    }
    return config.dump();
}

}  // namespace tn4j::lammps

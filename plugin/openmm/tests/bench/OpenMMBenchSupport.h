#ifndef TN4J_OPENMM_BENCH_SUPPORT_H_
#define TN4J_OPENMM_BENCH_SUPPORT_H_

// Shared by the OpenMM benchmark programs (bench_openmm, bench_rss): plugin loading and a fixture
// molecule in OpenMM units.

#include <OpenMM.h>
#include <nlohmann/json.hpp>

#include <vector>

namespace tn4jbench {

/** A fixture molecule (tests/fixtures/tensornet/*.json): atomic numbers, positions in nm, masses. */
struct Molecule {
    std::vector<int> z;
    std::vector<OpenMM::Vec3> positions;
    std::vector<double> masses;  // hydrogen 1.008, everything else 12: only the dynamics' time scale depends on them
};

inline Molecule readMolecule(const nlohmann::json& fixture) {
    Molecule m;
    for (auto& v : fixture["z"]) m.z.push_back(v.get<int>());
    for (auto& row : fixture["pos"]) {
        m.positions.emplace_back(row[0].get<double>() * 0.1, row[1].get<double>() * 0.1, row[2].get<double>() * 0.1);
    }
    for (int zi : m.z) m.masses.push_back(zi == 1 ? 1.008 : 12.0);
    return m;
}

/** Adds the molecule's particles to {@code system} (masses only; the caller adds the forces). */
inline void addParticles(OpenMM::System& system, const Molecule& m) {
    for (double mass : m.masses) system.addParticle(mass);
}

/** OpenMM's own platforms and this build's TensorNet plugin (TN4J_PLUGIN_DIR). */
inline void loadPlugins() {
    OpenMM::Platform::loadPluginsFromDirectory(OpenMM::Platform::getDefaultPluginsDirectory());
    OpenMM::Platform::loadPluginsFromDirectory(TN4J_PLUGIN_DIR);
}

/** Loads the plugins, reads the fixture molecule and adds its particles to {@code system}. */
inline Molecule setUp(const nlohmann::json& fixture, OpenMM::System& system) {
    loadPlugins();
    Molecule m = readMolecule(fixture);
    addParticles(system, m);
    return m;
}

}  // namespace tn4jbench

#endif

// A C++ OpenMM host running alanine dipeptide (in vacuum) on TensorNet through the tensornet4j plugin:
// 1000 LangevinMiddleIntegrator steps of 0.5 fs at 300 K on the CPU platform, energies every 100 steps.
//
//   alanine_dipeptide [PDB [CHECKPOINT [STEPS]]]    (defaults: examples/molecules/alanine_dipeptide.pdb,
//                                                    examples/models/default.ckpt, 1000; run from the repo root)
//
// Needs a JDK 17+ (JAVA_HOME, the java on PATH, or default-java), and the TensorNet kernel plugins either installed in OpenMM's plugin
// directory ('cmake --install') or named by TN4J_PLUGIN_DIR (the build tree's lib/plugins).
// The default model (trained on GFN2-xTB, see examples/models/README.md) gives eV; a checkpoint in
// another unit needs its own setEnergyUnit.
#include "TensorNetForce.h"

#include "OpenMM.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Element {
    int atomicNumber;
    double mass;  // dalton
};

const std::map<std::string, Element> ELEMENTS = {
    {"H", {1, 1.008}}, {"C", {6, 12.011}}, {"N", {7, 14.007}}, {"O", {8, 15.999}}, {"P", {15, 30.974}}, {"S", {16, 32.06}},
};

struct Molecule {
    std::vector<Element> atoms;
    std::vector<OpenMM::Vec3> positions;  // nm
};

std::string trimmed(const std::string& text) {
    size_t first = text.find_first_not_of(' ');
    return first == std::string::npos ? "" : text.substr(first, text.find_last_not_of(' ') - first + 1);
}

/** ATOM/HETATM records of a PDB file: coordinates (columns 31-54, Angstrom) and element (77-78). */
Molecule readPdb(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    Molecule molecule;
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("ATOM", 0) != 0 && line.rfind("HETATM", 0) != 0) continue;
        if (line.rfind("ENDMDL", 0) == 0) break;
        std::string symbol = line.size() >= 78 ? trimmed(line.substr(76, 2)) : "";
        auto element = ELEMENTS.find(symbol);
        if (element == ELEMENTS.end()) throw std::runtime_error("unsupported or missing element '" + symbol + "' in: " + line);
        molecule.atoms.push_back(element->second);
        molecule.positions.emplace_back(std::stod(line.substr(30, 8)) * 0.1, std::stod(line.substr(38, 8)) * 0.1,
                                        std::stod(line.substr(46, 8)) * 0.1);
    }
    if (molecule.atoms.empty()) throw std::runtime_error("no atoms in " + path);
    return molecule;
}

void loadPlugins() {
    OpenMM::Platform::loadPluginsFromDirectory(OpenMM::Platform::getDefaultPluginsDirectory());
    if (const char* directory = std::getenv("TN4J_PLUGIN_DIR")) OpenMM::Platform::loadPluginsFromDirectory(directory);
}

}  // namespace

int main(int argc, char** argv) {
    std::string pdb = argc > 1 ? argv[1] : "examples/molecules/alanine_dipeptide.pdb";
    std::string checkpoint = argc > 2 ? argv[2] : "examples/models/default.ckpt";
    int steps = argc > 3 ? std::atoi(argv[3]) : 1000;
    try {
        loadPlugins();
        Molecule molecule = readPdb(pdb);
        OpenMM::System system;
        std::vector<int> atomicNumbers;
        for (const Element& atom : molecule.atoms) {
            system.addParticle(atom.mass);
            atomicNumbers.push_back(atom.atomicNumber);
        }
        auto* tensorNet = new TensorNetPlugin::TensorNetForce(checkpoint, atomicNumbers);
        tensorNet->setEnergyUnit("eV");  // the unit the default model was trained in
        system.addForce(tensorNet);

        OpenMM::LangevinMiddleIntegrator integrator(300.0, 1.0, 0.0005);
        OpenMM::Context context(system, integrator, OpenMM::Platform::getPlatformByName("CPU"));
        context.setPositions(molecule.positions);
        context.setVelocitiesToTemperature(300.0, 2024);

        std::printf("%8s %16s %16s\n", "step", "potential kJ/mol", "kinetic kJ/mol");
        auto report = [&](int step) {
            OpenMM::State state = context.getState(OpenMM::State::Energy);
            std::printf("%8d %16.6f %16.6f\n", step, state.getPotentialEnergy(), state.getKineticEnergy());
        };
        report(0);
        auto start = std::chrono::steady_clock::now();
        for (int done = 0; done < steps;) {
            int chunk = std::min(100, steps - done);
            integrator.step(chunk);
            done += chunk;
            report(done);
        }
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("%d steps of %zu atoms in %.2f s (%.2f ms/step)\n", steps, molecule.atoms.size(), seconds, 1000 * seconds / std::max(1, steps));
    } catch (const std::exception& e) {
        std::cerr << "alanine_dipeptide: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}

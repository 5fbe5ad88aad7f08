/* tn4j-lammps through LAMMPS's C library API (Debian's liblammps), against the C ABI.
 *
 *   test_lammps parity [triclinic|nonperiodic]   run 0: energy, forces by atom ID, pressure tensor
 *                                    (virial) and per-atom energies equal tn4j_evaluate's on the same
 *                                    configuration (periodic cube, tilted box, no periodicity)
 *   test_lammps units                metal and real units: the same NVT trajectory in their units
 *   test_lammps nvt                  20 NVT steps: finite, thermostatted, the conserved quantity kept
 *   test_lammps npt                  20 NPT steps: the barostat moves the box (the virial reaches it)
 *   test_lammps bench [STEPS]        ms/step of NVE through LAMMPS, split: model, adapter, LAMMPS (not a test)
 *
 * TN4J_WATER_BOX (examples/lammps/water-box.data) and TN4J_MODEL (examples/models/default.ckpt, eV)
 * come from CMake. Exit 0: pass, 1: fail (the reason on stderr). */
#include "Driver.h"

#include <lammps/library.h>
#include <tensornet4j/tensornet4j.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using tn4j::lammps::Driver;

[[noreturn]] void fail(const std::string& why) {
    std::cerr << "FAIL: " << why << "\n";
    std::exit(1);
}

void expectClose(const std::string& what, double actual, double expected, double tolerance) {
    if (!(std::fabs(actual - expected) <= tolerance)) {
        fail(what + ": " + std::to_string(actual) + " vs " + std::to_string(expected) + " (tolerance " +
             std::to_string(tolerance) + ")");
    }
}

/** A LAMMPS instance (quiet: no screen, no log) that has run a script through the driver. */
struct Lammps {
    void* handle = nullptr;
    Driver* driver = nullptr;

    explicit Lammps(const std::string& script) {
        const char* args[] = {"test_lammps", "-log", "none", "-screen", "none"};
        handle = lammps_open_no_mpi(5, const_cast<char**>(args), nullptr);
        driver = new Driver(handle);
        driver->run(script);
    }
    ~Lammps() {
        lammps_close(handle);
        delete driver;
    }
    int natoms() const { return static_cast<int>(lammps_get_natoms(handle)); }
    /** Per-atom vector of count values per atom, ordered by atom ID. */
    std::vector<double> gather(const char* name, int count) const {
        std::vector<double> values(static_cast<size_t>(count) * natoms());
        lammps_gather_atoms(handle, const_cast<char*>(name), 1, count, values.data());
        return values;
    }
    std::vector<int> types() const {
        std::vector<int> values(natoms());
        lammps_gather_atoms(handle, const_cast<char*>("type"), 0, 1, values.data());
        return values;
    }
    double thermo(const char* keyword) const { return lammps_get_thermo(handle, keyword); }
};

std::string waterScript(const std::string& units, const std::string& extraSetup, const std::string& tensornet4jOptions,
                        const std::string& rest, const std::string& boundary = "p p p") {
    return "units " + units + "\natom_style atomic\nboundary " + boundary + "\nread_data " TN4J_WATER_BOX "\n" + extraSetup +
           "fix tn all external pf/callback 1 1\n"
           "tensornet4j tn model " TN4J_MODEL " elements O H charge 0 energy_unit eV "
           "set hyperparameters '{\"max_num_neighbors\": 96}' " + tensornet4jOptions + "\n" +
           "thermo_style custom step temp pe ke etotal press pxx pyy pzz pxy pxz pyz vol\n" + rest;
}

/** tn4j_evaluate on its own, on the configuration a LAMMPS instance holds (by atom ID; type 1 = O,
 * 2 = H), with the box as rows a, b, c when LAMMPS's box is periodic. */
struct Direct {
    double energy = 0, virial[9] = {}, box[9] = {};
    bool periodic = false;
    std::vector<double> forces, atomEnergies;
};

/** The model as the tests' scripts configure it, created through the C ABI alone. */
tn4j_potential* directPotential() {
    tn4j_potential* potential = tn4j_create("org.tensornet4j.TensorNetPotential",
                                            "{\"checkpoint\": \"" TN4J_MODEL "\", \"charge\": 0, "
                                            "\"hyperparameters\": {\"max_num_neighbors\": 96}}");
    if (potential == nullptr) fail(std::string("tn4j_create: ") + tn4j_last_error());
    return potential;
}

std::vector<int> atomicNumbersById(const Lammps& lmp) {
    std::vector<int> numbers = lmp.types();
    for (int& number : numbers) number = number == 1 ? 8 : 1;
    return numbers;
}

Direct evaluateDirectly(const Lammps& lmp) {
    const int n = lmp.natoms();
    std::vector<double> x = lmp.gather("x", 3);
    std::vector<int> numbers = atomicNumbersById(lmp);
    double lo[3], hi[3], xy, yz, xz;
    int periodicFlags[3], boxflag;
    lammps_extract_box(lmp.handle, lo, hi, &xy, &yz, &xz, periodicFlags, &boxflag);
    Direct direct;
    direct.periodic = periodicFlags[0] == 1;
    const double box[9] = {hi[0] - lo[0], 0, 0, xy, hi[1] - lo[1], 0, xz, yz, hi[2] - lo[2]};
    std::copy(box, box + 9, direct.box);
    tn4j_potential* potential = directPotential();
    direct.forces.resize(3 * n);
    direct.atomEnergies.resize(n);
    if (tn4j_evaluate(potential, n, numbers.data(), x.data(), direct.periodic ? box : nullptr, nullptr, &direct.energy,
                      direct.forces.data(), direct.virial, direct.atomEnergies.data()) != 0) {
        fail(std::string("tn4j_evaluate: ") + tn4j_last_error());
    }
    tn4j_release(potential);
    return direct;
}

// run 0 through LAMMPS vs a direct tn4j_evaluate on the configuration LAMMPS holds (by atom ID).
// kind: "" (the periodic cube), "triclinic" (tilted), "nonperiodic" (boundary f f f: no box for the model).
int parity(const std::string& kind) {
    const bool triclinic = kind == "triclinic", periodic = kind != "nonperiodic";
    // Tilting the box (remap: atoms move with it) checks the triclinic box's path into the model.
    std::string tilt = triclinic ? "change_box all triclinic\nchange_box all xy final 2.0 xz final -1.5 yz final 1.0 remap\n" : "";
    Lammps lmp(waterScript("metal", tilt, "atom_energies yes",
                           "compute pea all pe/atom fix\ncompute pesum all reduce sum c_pea\n"
                           "thermo_style custom step pe press pxx pyy pzz pxy pxz pyz c_pesum\nrun 0\n",
                           periodic ? "p p p" : "f f f"));
    const int n = lmp.natoms();
    std::vector<double> f = lmp.gather("f", 3);
    Direct direct = evaluateDirectly(lmp);
    if (direct.periodic != periodic) fail("the box's periodicity is not the one asked for");
    if (triclinic && direct.box[3] != 2.0) fail("the box did not tilt");
    const double energy = direct.energy;
    const double* box = direct.box;
    const double* virial = direct.virial;
    const std::vector<double>& forces = direct.forces;
    const std::vector<double>& atomEnergies = direct.atomEnergies;

    // The model is float32 and LAMMPS hands it the atoms in its own order: rounding-level differences.
    expectClose("energy (eV)", lmp.thermo("pe"), energy, 1e-4 * std::fabs(energy) + 1e-4);
    double largest = 0, worst = 0;
    for (int k = 0; k < 3 * n; k++) {
        largest = std::max(largest, std::fabs(forces[k]));
        worst = std::max(worst, std::fabs(f[k] - forces[k]));
    }
    if (largest < 0.1) fail("the forces are too small to compare (" + std::to_string(largest) + " eV/A)");
    if (worst > 1e-4 * largest) fail("forces differ by " + std::to_string(worst) + " eV/A (largest " + std::to_string(largest) + ")");

    // Zero velocities: the pressure is the virial's alone, P = W / (3 V) (tensor: W_ab / V) in bar; LAMMPS
    // divides by its box's volume for a non-periodic box too.
    const double volume = box[0] * box[4] * box[8];
    const double nktv2p = *static_cast<double*>(lammps_extract_global(lmp.handle, "nktv2p"));
    const char* names[6] = {"pxx", "pyy", "pzz", "pxy", "pxz", "pyz"};
    const int index[6] = {0, 4, 8, 1, 2, 5};
    double scale = 0;
    for (int c = 0; c < 6; c++) scale = std::max(scale, std::fabs(virial[index[c]] / volume * nktv2p));
    if (scale < 1.0) fail("the virial is too small to compare");
    for (int c = 0; c < 6; c++) {
        expectClose(names[c], lmp.thermo(names[c]), virial[index[c]] / volume * nktv2p, 1e-4 * scale);
    }
    expectClose("press", lmp.thermo("press"), (virial[0] + virial[4] + virial[8]) / (3 * volume) * nktv2p, 1e-4 * scale);

    // Per-atom energies (atom_energies yes, compute pe/atom fix) add up to the energy, and match by ID.
    std::vector<double> pea(n);
    lammps_gather(lmp.handle, const_cast<char*>("c_pea"), 1, 1, pea.data());
    double total = 0;
    for (int i = 0; i < n; i++) {
        total += pea[i];
        expectClose("energy of atom " + std::to_string(i + 1), pea[i], atomEnergies[i], 1e-4);
    }
    expectClose("sum of per-atom energies", total, energy, 1e-3);
    std::printf("parity %s: %d atoms, energy %.6f eV, largest force %.4f eV/A (worst difference %.2e), "
                "pressure %.2f bar\n", kind.empty() ? "periodic" : kind.c_str(), n, energy, largest, worst, lmp.thermo("press"));
    return 0;
}

// The same NVT run in metal (eV, ps) and real (kcal/mol, fs) units: positions agree by atom ID.
int units() {
    auto run = [](const std::string& units, const std::string& timestep, const std::string& damp) {
        Lammps lmp(waterScript(units, "velocity all create 300.0 2024 mom yes rot yes dist gaussian\n", "",
                               "fix nvt all nvt temp 300.0 300.0 " + damp + "\ntimestep " + timestep + "\nrun 10\n"));
        std::vector<double> x = lmp.gather("x", 3);
        x.push_back(lmp.thermo("pe"));
        x.push_back(lmp.thermo("temp"));
        return x;
    };
    std::vector<double> metal = run("metal", "0.0005", "0.05");
    std::vector<double> real = run("real", "0.5", "50.0");
    std::vector<double> start;
    {
        Lammps lmp(waterScript("metal", "", "", "run 0\n"));
        start = lmp.gather("x", 3);
    }
    const size_t n3 = start.size();
    double moved = 0, worst = 0;
    for (size_t k = 0; k < n3; k++) {
        moved = std::max(moved, std::fabs(metal[k] - start[k]));
        worst = std::max(worst, std::fabs(metal[k] - real[k]));
    }
    if (moved < 1e-3) fail("the atoms did not move (" + std::to_string(moved) + " A)");
    if (worst > 1e-5) fail("metal and real positions differ by " + std::to_string(worst) + " A");
    const double kcalPerEv = 96.48533212331002 / 4.184;
    expectClose("pe real / metal (kcal/mol)", real[n3], metal[n3] * kcalPerEv, 1e-4 * std::fabs(real[n3]));
    expectClose("temperature (K)", real[n3 + 1], metal[n3 + 1], 1e-3);
    std::printf("units: 10 NVT steps, largest displacement %.4f A, metal vs real positions within %.2e A, "
                "pe %.6f eV = %.6f kcal/mol\n", moved, worst, metal[n3], real[n3]);
    return 0;
}

// 20 NVT steps at 300 K: finite, the thermostat holds, the conserved quantity (etotal + thermostat
// energy) drifts little: the forces are the energy's gradient.
int nvt() {
    Lammps lmp(waterScript("metal", "velocity all create 300.0 2024 mom yes rot yes dist gaussian\n", "",
                           "fix nvt all nvt temp 300.0 300.0 0.05\ntimestep 0.0005\n"
                           "thermo_style custom step temp pe etotal econserve\nrun 0\n"));
    const double conserved0 = lmp.thermo("econserve");
    lammps_command(lmp.handle, "run 20");
    const double temp = lmp.thermo("temp"), conserved = lmp.thermo("econserve");
    if (!std::isfinite(temp) || !std::isfinite(lmp.thermo("pe"))) fail("not finite");
    if (temp < 150 || temp > 450) fail("temperature " + std::to_string(temp) + " K after 20 steps at 300 K");
    expectClose("conserved energy drift (eV)", conserved, conserved0, 0.05);
    std::printf("nvt: 20 steps, T %.1f K, conserved energy %.5f -> %.5f eV\n", temp, conserved0, conserved);
    return 0;
}

// 20 NPT steps at 300 K and 1 bar from the water box, whose model pressure is ~2e4 bar: the barostat
// expands the box, the run stays finite, and the last step's pressure is the model's virial in the new box.
int npt() {
    Lammps lmp(waterScript("metal", "velocity all create 300.0 2024 mom yes rot yes dist gaussian\n", "",
                           "fix npt all npt temp 300.0 300.0 0.05 iso 1.0 1.0 0.5\ntimestep 0.0005\nrun 0\n"));
    const double volume0 = lmp.thermo("vol"), press0 = lmp.thermo("press");
    lammps_command(lmp.handle, "run 20");
    const double volume = lmp.thermo("vol");
    if (!std::isfinite(volume) || !std::isfinite(lmp.thermo("pe"))) fail("not finite");
    if (press0 < 1000) fail("the starting pressure " + std::to_string(press0) + " bar is too low to test the barostat");
    if (!(volume > volume0 * 1.0001)) fail("the box did not expand: " + std::to_string(volume0) + " -> " + std::to_string(volume));
    // The pressure LAMMPS computed at the last step, in the box the barostat made, is the model's virial
    // there plus the kinetic part: P = (2 KE + trace W) / (3 V).
    Direct direct = evaluateDirectly(lmp);
    const double nktv2p = *static_cast<double*>(lammps_extract_global(lmp.handle, "nktv2p"));
    const double expected = (2 * lmp.thermo("ke") + direct.virial[0] + direct.virial[4] + direct.virial[8]) /
                            (3 * volume) * nktv2p;
    expectClose("pressure after 20 NPT steps (bar)", lmp.thermo("press"), expected, 1e-4 * std::fabs(expected) + 0.1);
    std::printf("npt: 20 steps, pressure %.0f -> %.0f bar (virial + kinetic: %.0f), volume %.2f -> %.2f A^3\n", press0,
                lmp.thermo("press"), expected, volume0, volume);
    return 0;
}

// Not a test: the time of a LAMMPS NVE step on the water box, split into the time inside tn4j_evaluate,
// the adapter around it (Coupling::compute) and the rest (LAMMPS and the callback glue), from the same
// steps. A LAMMPS run of N steps computes forces N + 1 times (once in its setup). Median and minimum over
// runs (docs/benchmarks.md: the minimum is the cost, the median what a busy machine gives).
int bench(int steps) {
    Lammps lmp(waterScript("metal", "velocity all create 300.0 2024 mom yes rot yes dist gaussian\n", "",
                           "fix nve all nve\ntimestep 0.0005\nthermo 0\nrun 5\n"));
    const tn4j::lammps::Coupling& coupling = lmp.driver->link()->coupling();
    std::vector<double> stepMs, evaluateMs, adapterMs, restMs;
    for (int run = 0; run < 5; run++) {
        const tn4j::lammps::Coupling::Timing before = coupling.timing();
        const auto start = std::chrono::steady_clock::now();
        lammps_command(lmp.handle, ("run " + std::to_string(steps)).c_str());
        const double total = 1e3 * std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const tn4j::lammps::Coupling::Timing& after = coupling.timing();
        const double calls = static_cast<double>(after.calls - before.calls);
        const double evaluate = 1e3 * (after.evaluateSeconds - before.evaluateSeconds);
        const double compute = 1e3 * (after.computeSeconds - before.computeSeconds);
        stepMs.push_back(total / calls);
        evaluateMs.push_back(evaluate / calls);
        adapterMs.push_back((compute - evaluate) / calls);
        restMs.push_back((total - compute) / calls);
    }
    auto summary = [](std::vector<double> ms) {
        std::sort(ms.begin(), ms.end());
        char text[64];
        std::snprintf(text, sizeof text, "median %.3f, min %.3f", ms[ms.size() / 2], ms.front());
        return std::string(text);
    };
    std::printf("bench: %d atoms, 5 runs of %d steps, ms per force call:\n  LAMMPS step  %s\n  tn4j_evaluate %s\n"
                "  adapter      %s\n  LAMMPS + callback glue %s\n", lmp.natoms(), steps, summary(stepMs).c_str(),
                summary(evaluateMs).c_str(), summary(adapterMs).c_str(), summary(restMs).c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::string mode = argc > 1 ? argv[1] : "";
    int status;
    if (mode == "parity") status = parity(argc > 2 ? argv[2] : "");
    else if (mode == "units") status = units();
    else if (mode == "nvt") status = nvt();
    else if (mode == "npt") status = npt();
    else if (mode == "bench") status = bench(argc > 2 ? std::atoi(argv[2]) : 10);
    else fail("usage: test_lammps parity [triclinic|nonperiodic] | units | nvt | npt | bench [STEPS]");
    lammps_mpi_finalize();
    return status;
}

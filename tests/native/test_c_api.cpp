// The C ABI end to end: a real JVM created inside this native process, the real TensorNet model,
// TorchMD-Net's reference values. Modes run in separate processes because a JVM is created once.
#include "tensornet4j/tensornet4j.h"
#include "tensornet4j/Host.h"

#include <jni.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <dlfcn.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using nlohmann::json;

namespace {

int failures = 0;

void check(bool ok, const std::string& what) {
    if (!ok) {
        failures++;
        std::cerr << "FAILED: " << what << std::endl;
    } else {
        std::cout << "ok: " << what << std::endl;
    }
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

json reference(const std::string& name) {
    std::ifstream in(std::string(TN4J_FIXTURES) + "/tensornet/" + name + ".json");
    return json::parse(in);
}

std::string config(const std::string& model, const json& ref) {
    json c;
    c["checkpoint"] = std::string(TN4J_FIXTURES) + "/tensornet/" + model + ".ckpt";
    c["atomic_numbers"] = ref["z"];
    return c.dump();
}

std::vector<double> flatPositions(const json& ref) {
    std::vector<double> pos;
    for (auto& row : ref["pos"]) for (auto& v : row) pos.push_back(v.get<double>());
    return pos;
}

std::vector<double> flatBox(const json& ref) {
    std::vector<double> box;
    if (!ref["box"].is_null()) for (auto& row : ref["box"]) for (auto& v : row) box.push_back(v.get<double>());
    return box;
}

/** Energy and forces against TorchMD-Net's (float64 models to 1e-9, float32 ones to their precision). */
void matchesReference(const std::string& label, const json& ref, double energy, const std::vector<double>& forces) {
    int n = static_cast<int>(ref["z"].size());
    double e = ref["energy"][0].get<double>();
    bool f64 = ref["dtype"] == "float64";
    double tol = f64 ? 1e-9 : 1e-5, ftol = f64 ? 1e-9 : 1e-4;
    check(std::fabs(energy - e) <= tol * std::max(1.0, std::fabs(e)), "energy " + label + ": " +
          std::to_string(energy) + " vs " + std::to_string(e));
    double maxF = 0, worst = 0;
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < 3; k++) {
            double r = ref["forces"][i][k].get<double>();
            maxF = std::max(maxF, std::fabs(r));
            worst = std::max(worst, std::fabs(r - forces[3 * i + k]));
        }
    }
    check(worst <= ftol * std::max(1.0, maxF), "forces " + label + " max deviation " + std::to_string(worst));
}

void parity(const std::string& model, const std::string& input) {
    json ref = reference(model + "__" + input);
    tn4j_potential* p = tn4j_create("org.tensornet4j.TensorNetPotential", config(model, ref).c_str());
    check(p != nullptr, "create " + model + " (" + tn4j_last_error() + ")");
    if (p == nullptr) return;
    std::vector<double> pos = flatPositions(ref);
    int n = static_cast<int>(ref["z"].size());
    std::vector<double> forces(3 * n), box = flatBox(ref);
    double energy = 0;
    int rc = tn4j_compute(p, n, pos.data(), box.empty() ? nullptr : box.data(), forces.data(), &energy);
    check(rc == 0, "compute " + input + " (" + tn4j_last_error() + ")");
    matchesReference(model + "/" + input, ref, energy, forces);
    tn4j_release(p);
}

void errors() {
    json ref = reference("tn-small__caffeine");
    tn4j_potential* p = tn4j_create("org.example.NoSuchPotential", config("tn-small", ref).c_str());
    check(p == nullptr && contains(tn4j_last_error(), "not found"), std::string("unknown class: ") + tn4j_last_error());
    json c;
    p = tn4j_create("org.tensornet4j.TensorNetPotential", "{not json");
    check(p == nullptr && contains(tn4j_last_error(), "not valid JSON"), std::string("bad config: ") + tn4j_last_error());
    p = tn4j_create("org.tensornet4j.TensorNetPotential", nullptr);
    check(p == nullptr && contains(tn4j_last_error(), "config is NULL; pass a JSON object such as {"),
          std::string("NULL config: ") + tn4j_last_error());
    c = json::parse(config("tn-small", ref));
    c["charge"] = "0.47";
    p = tn4j_create("org.tensornet4j.TensorNetPotential", c.dump().c_str());
    check(p == nullptr && contains(tn4j_last_error(), "must be a JSON number, got the string \"0.47\""),
          std::string("charge as a string: ") + tn4j_last_error());
    p = tn4j_create("org.tensornet4j.TensorNetPotential", "{\"atomic_numbers\": [8, 1, 1]}");
    check(p == nullptr && contains(tn4j_last_error(), "\"checkpoint\""), std::string("no checkpoint: ") + tn4j_last_error());
    c = json::parse(config("tn-small", ref));
    c["checkpoint"] = "/nonexistent/model.ckpt";
    p = tn4j_create("org.tensornet4j.TensorNetPotential", c.dump().c_str());
    check(p == nullptr && contains(tn4j_last_error(), "/nonexistent/model.ckpt"), std::string("missing checkpoint: ") + tn4j_last_error());

    // A failing step reports the Java message and leaves the potential usable.
    p = tn4j_create("org.tensornet4j.TensorNetPotential", config("tn-small", ref).c_str());
    int n = static_cast<int>(ref["z"].size());
    std::vector<double> pos = flatPositions(ref), forces(3 * n);
    double energy = 0;
    std::vector<double> bad = pos;
    bad[4] = std::nan("");
    int rc = tn4j_compute(p, n, bad.data(), nullptr, forces.data(), &energy);
    check(rc == -1 && std::strlen(tn4j_last_error()) > 0, std::string("NaN positions fail: ") + tn4j_last_error());
    rc = tn4j_compute(p, n - 1, pos.data(), nullptr, forces.data(), &energy);
    check(rc == -1 && contains(tn4j_last_error(), "particles"), std::string("wrong particle count: ") + tn4j_last_error());
    std::vector<double> smallBox = {6, 0, 0, 0, 6, 0, 0, 0, 6};
    rc = tn4j_compute(p, n, pos.data(), smallBox.data(), forces.data(), &energy);
    check(rc == -1 && contains(tn4j_last_error(), "twice the cutoff"), std::string("small box: ") + tn4j_last_error());
    // A NaN or infinite box passes every box rule by comparison: it must fail, not give an energy.
    for (double bad : {std::nan(""), HUGE_VAL}) {
        std::vector<double> badBox = {30, 0, 0, 0, bad, 0, 0, 0, 30};
        rc = tn4j_compute(p, n, pos.data(), badBox.data(), forces.data(), &energy);
        check(rc == -1 && contains(tn4j_last_error(), "not finite") && contains(tn4j_last_error(), "give finite box vectors"),
              std::string("non-finite box: ") + tn4j_last_error());
    }
    rc = tn4j_compute(p, n, pos.data(), nullptr, forces.data(), &energy);
    check(rc == 0 && std::fabs(energy - ref["energy"][0].get<double>()) < 1e-4, "still usable after errors");
    check(tn4j_compute(nullptr, n, pos.data(), nullptr, forces.data(), &energy) == -1, "NULL potential refused");
    tn4j_release(p);
    tn4j_release(nullptr);
}

void threads() {
    json ref = reference("tn-small__alanine_dipeptide");
    int n = static_cast<int>(ref["z"].size());
    std::vector<double> pos = flatPositions(ref);
    std::vector<double> e(2), f0(3 * n), f1(3 * n);
    std::vector<std::thread> workers;
    for (int t = 0; t < 2; t++) {
        workers.emplace_back([&, t] {
            tn4j_potential* p = tn4j_create("org.tensornet4j.TensorNetPotential", config("tn-small", ref).c_str());
            if (p == nullptr) return;
            for (int step = 0; step < 5; step++) tn4j_compute(p, n, pos.data(), nullptr, t == 0 ? f0.data() : f1.data(), &e[t]);
            tn4j_release(p);
        });
    }
    for (auto& w : workers) w.join();
    check(e[0] == e[1] && f0 == f1 && e[0] != 0, "two potentials on two threads give identical results");
}

// ---- Second generation: tn4j_evaluate and the queries ----

const char* const TENSORNET = "org.tensornet4j.TensorNetPotential";

/** A configuration without "atomic_numbers": the engine passes them per call. */
std::string perCallConfig(const std::string& model, json extra = json::object()) {
    extra["checkpoint"] = std::string(TN4J_FIXTURES) + "/tensornet/" + model + ".ckpt";
    return extra.dump();
}

std::vector<int> atomicNumbers(const json& ref) { return ref["z"].get<std::vector<int>>(); }

/** tn4j_evaluate gives exactly what tn4j_compute gives, with the atoms per call or the configuration's. */
void evaluateEqualsCompute(const std::string& model, const std::string& input) {
    json ref = reference(model + "__" + input);
    tn4j_potential* fixed = tn4j_create(TENSORNET, config(model, ref).c_str());
    tn4j_potential* perCall = tn4j_create(TENSORNET, perCallConfig(model).c_str());
    check(fixed != nullptr && perCall != nullptr, "create " + model + " with and without atomic_numbers (" + tn4j_last_error() + ")");
    if (fixed == nullptr || perCall == nullptr) return;
    int n = static_cast<int>(ref["z"].size());
    std::vector<int> z = atomicNumbers(ref);
    std::vector<double> pos = flatPositions(ref), box = flatBox(ref), f1(3 * n), f2(3 * n), f3(3 * n);
    const double* b = box.empty() ? nullptr : box.data();
    double e1 = 0, e2 = 0, e3 = 0;
    int rc = tn4j_compute(fixed, n, pos.data(), b, f1.data(), &e1);
    check(rc == 0, "tn4j_compute " + input + " (" + tn4j_last_error() + ")");
    rc = tn4j_evaluate(perCall, n, z.data(), pos.data(), b, nullptr, &e2, f2.data(), nullptr, nullptr);
    check(rc == 0, "tn4j_evaluate with per-call atoms " + input + " (" + tn4j_last_error() + ")");
    rc = tn4j_evaluate(fixed, n, nullptr, pos.data(), b, nullptr, &e3, f3.data(), nullptr, nullptr);
    check(rc == 0, "tn4j_evaluate with the configuration's atoms " + input + " (" + tn4j_last_error() + ")");
    check(e1 == e2 && f1 == f2, model + "/" + input + ": tn4j_evaluate (per-call atoms) equals tn4j_compute exactly");
    check(e1 == e3 && f1 == f3, model + "/" + input + ": tn4j_evaluate (atomic_numbers NULL) equals tn4j_compute exactly");
    matchesReference("tn4j_evaluate " + model + "/" + input, ref, e2, f2);
    tn4j_release(fixed);
    tn4j_release(perCall);
}

/**
 * One potential, molecules of different sizes one after the other (as ASE or LAMMPS hand it), each
 * against TorchMD-Net: through fresh buffers and through one buffer reused at the same address with a
 * different atom count (the bridge must rewrap it, not read the old shape).
 */
void atomsChangeBetweenCalls() {
    tn4j_potential* p = tn4j_create(TENSORNET, perCallConfig("tn-small").c_str());
    check(p != nullptr, std::string("create tn-small without atomic_numbers (") + tn4j_last_error() + ")");
    if (p == nullptr) return;
    const char* inputs[] = {"caffeine", "chignolin", "alanine_dipeptide", "alanine_dipeptide_explicit_pbc", "caffeine"};
    size_t most = 0;
    for (const char* input : inputs) most = std::max(most, reference(std::string("tn-small__") + input)["z"].size());
    std::vector<double> sharedPos(3 * most), sharedForces(3 * most);
    double firstEnergy = 0;
    std::vector<double> firstForces;
    for (int call = 0; call < 5; call++) {
        json ref = reference(std::string("tn-small__") + inputs[call]);
        int n = static_cast<int>(ref["z"].size());
        std::vector<int> z = atomicNumbers(ref);
        std::vector<double> pos = flatPositions(ref), box = flatBox(ref), forces(3 * n);
        const double* b = box.empty() ? nullptr : box.data();
        double energy = 0;
        int rc = tn4j_evaluate(p, n, z.data(), pos.data(), b, nullptr, &energy, forces.data(), nullptr, nullptr);
        check(rc == 0, std::string("call ") + std::to_string(call) + " " + inputs[call] + " (" + tn4j_last_error() + ")");
        matchesReference(std::string("atoms per call, fresh buffers: ") + inputs[call], ref, energy, forces);
        std::copy(pos.begin(), pos.end(), sharedPos.begin());
        rc = tn4j_evaluate(p, n, z.data(), sharedPos.data(), b, nullptr, &energy, sharedForces.data(), nullptr, nullptr);
        check(rc == 0, std::string("shared buffers ") + inputs[call] + " (" + tn4j_last_error() + ")");
        matchesReference(std::string("atoms per call, one buffer reused: ") + inputs[call], ref, energy,
                         std::vector<double>(sharedForces.begin(), sharedForces.begin() + 3 * n));
        if (call == 0) {
            firstEnergy = energy;
            firstForces = forces;
        }
        if (call == 4) check(energy == firstEnergy && forces == firstForces, "caffeine again after other molecules: the same result exactly");
    }
    tn4j_release(p);
}

/** TensorNet2 needs a total charge: per call through total_charge, else the configuration's "charge". */
void perCallCharge() {
    tn4j_potential* p = tn4j_create(TENSORNET, perCallConfig("tn2-bench").c_str());
    check(p != nullptr, std::string("create tn2-bench without atomic_numbers (") + tn4j_last_error() + ")");
    if (p == nullptr) return;
    for (const char* input : {"caffeine__q+1", "caffeine__q-1", "caffeine__q0", "alanine_dipeptide__q-1", "chignolin__q+1"}) {
        json ref = reference(std::string("tn2-bench__") + input);
        int n = static_cast<int>(ref["z"].size());
        std::vector<int> z = atomicNumbers(ref);
        std::vector<double> pos = flatPositions(ref), box = flatBox(ref), forces(3 * n);
        double q = ref["q"][0].get<double>(), energy = 0;
        int rc = tn4j_evaluate(p, n, z.data(), pos.data(), box.empty() ? nullptr : box.data(), &q, &energy, forces.data(),
                               nullptr, nullptr);
        check(rc == 0, std::string("tn2-bench ") + input + " (" + tn4j_last_error() + ")");
        matchesReference(std::string("per-call charge tn2-bench/") + input, ref, energy, forces);
    }
    json ref = reference("tn2-bench__caffeine__q+1");
    int n = static_cast<int>(ref["z"].size());
    std::vector<int> z = atomicNumbers(ref);
    std::vector<double> pos = flatPositions(ref), forces(3 * n);
    double energy = 0, nan = std::nan("");
    int rc = tn4j_evaluate(p, n, z.data(), pos.data(), nullptr, &nan, &energy, forces.data(), nullptr, nullptr);
    check(rc == -1 && contains(tn4j_last_error(), "total_charge is NaN"), std::string("NaN total charge refused: ") + tn4j_last_error());
    tn4j_release(p);
    tn4j_potential* configured = tn4j_create(TENSORNET, perCallConfig("tn2-bench", {{"charge", 1}}).c_str());
    rc = tn4j_evaluate(configured, n, z.data(), pos.data(), nullptr, nullptr, &energy, forces.data(), nullptr, nullptr);
    check(rc == 0, std::string("tn2-bench with the configuration's charge (") + tn4j_last_error() + ")");
    matchesReference("total_charge NULL: the configuration's \"charge\" (+1)", ref, energy, forces);
    tn4j_release(configured);
}

/** A call that must fail: -1 (rc is evaluated before the error is read) and a message with fragment. */
void refused(int rc, const std::string& fragment, const std::string& what) {
    std::string error = tn4j_last_error();
    check(rc == -1 && contains(error, fragment), what + ": " + error);
}

/** tn4j_cutoff, tn4j_receptive_field and tn4j_energy_unit, and the configuration's "energy_unit". */
void queries() {
    tn4j_potential* p = tn4j_create(TENSORNET, perCallConfig("tn-small").c_str());
    check(p != nullptr, std::string("create tn-small (") + tn4j_last_error() + ")");
    if (p == nullptr) return;
    double cutoff = 0, field = 0;
    int rc = tn4j_cutoff(p, &cutoff);
    check(rc == 0 && cutoff == 5.0, "tn-small's cutoff is 5 A (fixtures README): " + std::to_string(cutoff));
    // Message passing: tn-small's 2 interaction layers reach (2 + 1) x 5 A.
    rc = tn4j_receptive_field(p, &field);
    check(rc == 0 && field == 15.0, "tn-small's receptive field is (layers + 1) x cutoff = 15 A: " + std::to_string(field));
    const char* unit = tn4j_energy_unit(p);
    check(unit != nullptr, std::string("energy unit without \"energy_unit\": \"") + (unit ? unit : "(NULL)") + "\" (" + tn4j_last_error() + ")");
    tn4j_release(p);
    p = tn4j_create(TENSORNET, perCallConfig("tn-small", {{"energy_unit", "kcal/mol"}}).c_str());
    unit = tn4j_energy_unit(p);
    check(unit != nullptr && std::string(unit) == "kcal/mol", std::string("\"energy_unit\" overrides the model's: ") + (unit ? unit : "(NULL)"));
    const char* again = tn4j_energy_unit(p);
    check(again != nullptr && std::string(again) == "kcal/mol", "the unit's string is still valid after another query");
    refused(tn4j_cutoff(nullptr, &cutoff), "potential is NULL; pass the pointer tn4j_create returned", "tn4j_cutoff(NULL potential)");
    refused(tn4j_cutoff(p, nullptr), "cutoff is NULL; pass the address of a double", "tn4j_cutoff(NULL out)");
    refused(tn4j_receptive_field(nullptr, &field), "potential is NULL", "tn4j_receptive_field(NULL potential)");
    refused(tn4j_receptive_field(p, nullptr), "receptive_field is NULL; pass the address of a double", "tn4j_receptive_field(NULL out)");
    refused(tn4j_energy_unit(nullptr) == nullptr ? -1 : 0, "potential is NULL", "tn4j_energy_unit(NULL potential)");
    tn4j_release(p);
    p = tn4j_create(TENSORNET, perCallConfig("tn-small", {{"energy_unit", 1}}).c_str());
    check(p == nullptr && contains(tn4j_last_error(), "\"energy_unit\" must be a non-empty JSON string such as \"eV\""),
          std::string("a number as energy_unit is refused at creation: ") + tn4j_last_error());
}

/** Every bad input of tn4j_evaluate is -1 with a message naming it and the fix; the potential stays usable. */
void evaluateErrors() {
    json ref = reference("tn-small__caffeine");
    int n = static_cast<int>(ref["z"].size());
    std::vector<int> z = atomicNumbers(ref);
    std::vector<double> pos = flatPositions(ref), forces(3 * n);
    double energy = 0;
    tn4j_potential* p = tn4j_create(TENSORNET, perCallConfig("tn-small").c_str());
    tn4j_potential* fixed = tn4j_create(TENSORNET, config("tn-small", ref).c_str());
    check(p != nullptr && fixed != nullptr, std::string("create (") + tn4j_last_error() + ")");
    if (p == nullptr || fixed == nullptr) return;
    refused(tn4j_evaluate(nullptr, n, z.data(), pos.data(), nullptr, nullptr, &energy, forces.data(), nullptr, nullptr),
            "potential is NULL; pass the pointer tn4j_create returned", "NULL potential");
    for (int bad : {0, -3}) {
        refused(tn4j_evaluate(p, bad, z.data(), pos.data(), nullptr, nullptr, &energy, forces.data(), nullptr, nullptr),
                "num_atoms is " + std::to_string(bad) + "; pass the number of atoms (at least 1)", "num_atoms " + std::to_string(bad));
    }
    refused(tn4j_evaluate(p, n, z.data(), nullptr, nullptr, nullptr, &energy, forces.data(), nullptr, nullptr),
            "positions is NULL; pass num_atoms x 3 doubles", "NULL positions");
    refused(tn4j_evaluate(p, n, z.data(), pos.data(), nullptr, nullptr, nullptr, forces.data(), nullptr, nullptr),
            "energy is NULL; pass the address of a double", "NULL energy");
    refused(tn4j_evaluate(p, n, z.data(), pos.data(), nullptr, nullptr, &energy, nullptr, nullptr, nullptr),
            "forces is NULL; pass room for num_atoms x 3 doubles", "NULL forces");
    for (int element : {0, 119}) {
        std::vector<int> bad = z;
        bad[5] = element;
        refused(tn4j_evaluate(p, n, bad.data(), pos.data(), nullptr, nullptr, &energy, forces.data(), nullptr, nullptr),
                "atomic_numbers[5]: atomic number " + std::to_string(element) + " is not an element (1..118)",
                "atomic number " + std::to_string(element));
    }
    refused(tn4j_evaluate(p, n, nullptr, pos.data(), nullptr, nullptr, &energy, forces.data(), nullptr, nullptr),
            "atomic_numbers is NULL and the configuration has no \"atomic_numbers\"", "no atomic numbers anywhere");
    refused(tn4j_evaluate(fixed, n - 1, nullptr, pos.data(), nullptr, nullptr, &energy, forces.data(), nullptr, nullptr),
            "num_atoms is " + std::to_string(n - 1) + " but the configuration's \"atomic_numbers\" lists " + std::to_string(n),
            "count mismatch with the configuration's atomic numbers");
    refused(tn4j_compute(p, n, pos.data(), nullptr, forces.data(), &energy), "tn4j_evaluate",
            "tn4j_compute on a potential created without atomic_numbers");
    check(contains(tn4j_last_error(), "\"atomic_numbers\""), "... and the message names the key");
    for (double bad : {std::nan(""), HUGE_VAL}) {
        std::vector<double> badBox = {30, 0, 0, 0, bad, 0, 0, 0, 30};
        refused(tn4j_evaluate(p, n, z.data(), pos.data(), badBox.data(), nullptr, &energy, forces.data(), nullptr, nullptr),
                "give finite box vectors", "non-finite box");
    }
    int rc = tn4j_evaluate(p, n, z.data(), pos.data(), nullptr, nullptr, &energy, forces.data(), nullptr, nullptr);
    check(rc == 0, std::string("still usable after errors (") + tn4j_last_error() + ")");
    matchesReference("after errors", ref, energy, forces);
    tn4j_release(p);
    tn4j_release(fixed);
}

void secondGeneration() {
    for (const char* model : {"tn-small", "tn-f64"}) {
        for (const char* input : {"caffeine", "alanine_dipeptide_explicit_pbc"}) evaluateEqualsCompute(model, input);
    }
    atomsChangeBetweenCalls();
    perCallCharge();
    queries();
    evaluateErrors();
}

/** Adds the compiled tests/java potentials to the class path (before the JVM starts). */
bool withTestPotentials() {
    const char* testClasses = std::getenv("TN4J_TEST_CLASSES");
    if (testClasses == nullptr) {
        std::cerr << "FAILED: TN4J_TEST_CLASSES (the compiled tests/java classes) is not set" << std::endl;
        return false;
    }
    setenv("TN4J_CLASSPATH", (tensornet4j::defaultClassPath() + ":" + testClasses).c_str(), 1);
    return true;
}

/**
 * The virial and per-atom energies reach the engine: HarmonicTestPotential's closed forms (E = k/2 sum |r|^2 +
 * q, W_ab = -k sum r_a r_b), requested separately and together, on systems of changing size; non-finite
 * ones (MisbehavingTestPotential) are errors; the real model passes the request through.
 */
int optionalOutputs() {
    if (!withTestPotentials()) return 1;
    const double k = 2.5;
    tn4j_potential* p = tn4j_create("org.tensornet4j.testing.HarmonicTestPotential", "{\"global_parameters\": {\"k\": 2.5}}");
    check(p != nullptr, std::string("create the harmonic test potential (") + tn4j_last_error() + ")");
    if (p == nullptr) return 1;
    for (int n : {3, 5, 2}) {
        std::vector<int> z(n, 1);
        std::vector<double> pos(3 * n), forces(3 * n), virial(9, -7.0), atomEnergies(n, -7.0);
        for (int i = 0; i < 3 * n; i++) pos[i] = 0.3 * i - 0.7 * (i % 3) + 0.11 * i * i / n;
        double q = -1.0 + n, energy = 0;
        double expectedEnergy = q, expectedVirial[9] = {0};
        std::vector<double> expectedAtoms(n, q / n);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 3; a++) {
                expectedAtoms[i] += 0.5 * k * pos[3 * i + a] * pos[3 * i + a];
                for (int b = 0; b < 3; b++) expectedVirial[3 * a + b] -= k * pos[3 * i + a] * pos[3 * i + b];
            }
            expectedEnergy += expectedAtoms[i] - q / n;
        }
        std::string label = std::to_string(n) + " atoms";
        int rc = tn4j_evaluate(p, n, z.data(), pos.data(), nullptr, &q, &energy, forces.data(), virial.data(), atomEnergies.data());
        check(rc == 0, "virial and atom energies, " + label + " (" + tn4j_last_error() + ")");
        double worst = std::fabs(energy - expectedEnergy), sum = 0;
        for (int i = 0; i < 9; i++) worst = std::max(worst, std::fabs(virial[i] - expectedVirial[i]));
        for (int i = 0; i < n; i++) {
            worst = std::max(worst, std::fabs(atomEnergies[i] - expectedAtoms[i]));
            sum += atomEnergies[i];
            for (int a = 0; a < 3; a++) worst = std::max(worst, std::fabs(forces[3 * i + a] + k * pos[3 * i + a]));
        }
        check(worst < 1e-12, label + ": energy, forces, virial (row-major) and atom energies are the closed forms (max deviation "
              + std::to_string(worst) + ")");
        check(std::fabs(sum - energy) < 1e-12, label + ": the atom energies add up to the energy");
        rc = tn4j_evaluate(p, n, z.data(), pos.data(), nullptr, &q, &energy, forces.data(), virial.data(), nullptr);
        check(rc == 0 && virial[1] == expectedVirial[1], "the virial alone, " + label + " (" + tn4j_last_error() + ")");
        std::vector<double> onlyAtoms(n, -7.0);
        rc = tn4j_evaluate(p, n, z.data(), pos.data(), nullptr, &q, &energy, forces.data(), nullptr, onlyAtoms.data());
        check(rc == 0 && std::fabs(onlyAtoms[0] - expectedAtoms[0]) < 1e-12, "the atom energies alone, " + label + " (" + tn4j_last_error() + ")");
    }
    tn4j_release(p);

    std::vector<int> water = {8, 1, 1};
    std::vector<double> pos = {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0}, forces(9), virial(9), atomEnergies(3);
    double energy = 0;
    auto misbehave = [&](const std::string& mode) {
        std::string config = "{\"misbehave\": \"" + mode + "\"}";
        tn4j_potential* bad = tn4j_create("org.tensornet4j.testing.MisbehavingTestPotential", config.c_str());
        int rc = tn4j_evaluate(bad, 3, water.data(), pos.data(), nullptr, nullptr, &energy, forces.data(), virial.data(),
                               atomEnergies.data());
        std::string error = tn4j_last_error();
        tn4j_release(bad);
        return std::make_pair(rc, error);
    };
    auto result = misbehave("nan_virial");
    check(result.first == -1 && contains(result.second, "MisbehavingTestPotential returned a non-finite virial"),
          "a NaN virial is an error naming the potential: " + result.second);
    result = misbehave("nan_atom_energy");
    check(result.first == -1 && contains(result.second, "returned a non-finite energy for atom 2"),
          "a NaN atom energy is an error naming the atom: " + result.second);
    result = misbehave("none");
    check(result.first == 0 && energy == 1.0 && atomEnergies[0] == 1.0, "the same potential without a fault succeeds (" + result.second + ")");

    // The real model: the request goes through to TensorNetPotential. Without a box the virial is
    // sum_i r_i (x) F_i (no box term), and the atom energies add up to the energy.
    json ref = reference("tn-small__caffeine");
    int n = static_cast<int>(ref["z"].size());
    std::vector<int> z = atomicNumbers(ref);
    std::vector<double> cpos = flatPositions(ref), cforces(3 * n), catoms(n);
    tn4j_potential* model = tn4j_create(TENSORNET, perCallConfig("tn-small").c_str());
    int rc = tn4j_evaluate(model, n, z.data(), cpos.data(), nullptr, nullptr, &energy, cforces.data(), virial.data(), catoms.data());
    std::string error = tn4j_last_error();
    check(rc == 0, "TensorNet computes the virial and atom energies: " + error);
    if (rc == 0) {
        double sum = 0;
        for (double e : catoms) sum += e;
        check(std::fabs(sum - energy) < 1e-6 * std::max(1.0, std::fabs(energy)), "TensorNet's atom energies add up to its energy");
        matchesReference("TensorNet with virial and atom energies", ref, energy, cforces);
        double scale = 0, worst = 0;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double w = 0;
                for (int i = 0; i < n; i++) w += cpos[3 * i + a] * cforces[3 * i + b];
                scale = std::max(scale, std::fabs(w));
                worst = std::max(worst, std::fabs(w - virial[3 * a + b]));
            }
        }
        check(worst <= 1e-4 * scale, "TensorNet's virial without a box is sum r (x) F: largest deviation " + std::to_string(worst)
                                         + " of " + std::to_string(scale));
    }
    tn4j_release(model);
    return failures == 0 ? 0 : 1;
}

/** The libjvm.so mapped into this process (/proc/self/maps), or "" when none is. */
std::string loadedLibjvm() {
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        size_t at = line.find('/');
        if (at != std::string::npos && contains(line, "/libjvm.so")) return line.substr(at);
    }
    return "";
}

/** Without JAVA_HOME (ctest unsets it) the host finds Java by itself: the one under HOME, and it computes. */
/**
 * tn4j_compute_on_device's argument checks, and a CPU potential refused with what to do. Its buffers are never
 * dereferenced (the call fails first), so addresses stand in for device pointers: without an NVIDIA driver the
 * call fails at the context rule naming libcuda.so.1, with one (a GPU machine) at the CPU potential.
 */
int deviceBuffers() {
    json ref = reference("tn-small__caffeine");
    tn4j_potential* p = tn4j_create(TENSORNET, config("tn-small", ref).c_str());
    check(p != nullptr, std::string("created: ") + tn4j_last_error());
    if (p == nullptr) return 1;
    const int n = static_cast<int>(ref["z"].size());
    std::vector<float> stand_in(3 * n);
    void* buffer = stand_in.data();
    double energy = 0;
    refused(tn4j_compute_on_device(nullptr, n, TN4J_FLOAT32, buffer, nullptr, buffer, 1, &energy, 0, nullptr), "potential is NULL",
            "no potential");
    refused(tn4j_compute_on_device(p, n, 7, buffer, nullptr, buffer, 1, &energy, 0, nullptr), "pass TN4J_FLOAT32 (0) or TN4J_FLOAT64 (1)",
            "unknown precision");
    refused(tn4j_compute_on_device(p, n, TN4J_FLOAT32, nullptr, nullptr, buffer, 1, &energy, 0, nullptr), "positions is NULL",
            "no positions");
    refused(tn4j_compute_on_device(p, n, TN4J_FLOAT32, buffer, nullptr, nullptr, 1, &energy, 0, nullptr), "forces is NULL", "no forces");
    refused(tn4j_compute_on_device(p, 0, TN4J_FLOAT32, buffer, nullptr, buffer, 1, &energy, 0, nullptr), "num_particles is 0", "no particles");
    refused(tn4j_compute_on_device(p, n, TN4J_FLOAT32, buffer, nullptr, buffer, 1, &energy, -1, nullptr), "device_index is -1",
            "negative device");
    int rc = tn4j_compute_on_device(p, n, TN4J_FLOAT64, buffer, nullptr, buffer, 0, &energy, 0, nullptr);
    std::string error = tn4j_last_error();
    bool driver = dlopen("libcuda.so.1", RTLD_NOW | RTLD_NOLOAD) != nullptr || dlopen("libcuda.so.1", RTLD_NOW) != nullptr;
    const char* expected = driver ? "this potential runs on the CPU and cannot take device buffers" : "CUDA driver (libcuda.so.1) cannot be loaded";
    check(rc == -1 && contains(error, expected), std::string("device buffers ") + (driver ? "with" : "without") + " a driver: " + error);
    // The potential stays usable on host buffers.
    std::vector<double> pos = flatPositions(ref), forces(pos.size());
    check(tn4j_compute(p, n, pos.data(), nullptr, forces.data(), &energy) == 0, std::string("host step after: ") + tn4j_last_error());
    tn4j_release(p);
    std::cout << (failures == 0 ? "all passed" : "some failed") << std::endl;
    return failures == 0 ? 0 : 1;
}

int expectJavaFrom(const std::string& home) {
    parity("tn-small", "caffeine");
    char* real = realpath(home.c_str(), nullptr);
    std::string expected = std::string(real == nullptr ? home.c_str() : real) + "/lib/server/libjvm.so";
    free(real);
    check(loadedLibjvm() == expected, "the JVM is " + expected + " (loaded: " + loadedLibjvm() + ")");
    return failures == 0 ? 0 : 1;
}

/** Creating fails (e.g. no usable Java: the error lists every place tried and the fix) with every fragment. */
/**
 * A Java potential that returns NaN or wrongly shaped forces (tests/java MisbehavingTestPotential): every
 * such step is an error code with the potential's class in tn4j_last_error(), never a success.
 */
int misbehavingPotential() {
    if (!withTestPotentials()) return 1;
    const std::string name = "org.tensornet4j.testing.MisbehavingTestPotential";
    std::vector<double> pos = {0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0}, forces(9);
    double energy = 0;
    auto step = [&](const std::string& mode, const double* box) {
        std::string config = "{\"atomic_numbers\": [8, 1, 1], \"misbehave\": \"" + mode + "\"}";
        tn4j_potential* p = tn4j_create(name.c_str(), config.c_str());
        check(p != nullptr, "create " + mode + " (" + tn4j_last_error() + ")");
        energy = 0;
        int rc = tn4j_compute(p, 3, pos.data(), box, forces.data(), &energy);
        std::string error = tn4j_last_error();
        tn4j_release(p);
        return std::make_pair(rc, error);
    };
    auto result = step("nan_energy", nullptr);
    check(result.first == -1 && contains(result.second, name) && contains(result.second, "non-finite energy"),
          "NaN energy is an error naming the potential: " + result.second);
    result = step("nan_force", nullptr);
    check(result.first == -1 && contains(result.second, name) && contains(result.second, "non-finite force on atom 1"),
          "NaN force is an error naming the potential and the atom: " + result.second);
    result = step("short_forces", nullptr);
    check(result.first == -1 && contains(result.second, name + ".compute") && contains(result.second, "[2][...] for 3 atoms")
              && contains(result.second, "expected forces[3][3]"),
          "too few force rows name the class and the shapes: " + result.second);
    std::vector<double> nanBox = {std::nan(""), 0, 0, 0, 30, 0, 0, 0, 30};
    result = step("none", nanBox.data());
    check(result.first == -1 && contains(result.second, "not finite"), "a NaN box is refused for any potential: " + result.second);
    result = step("none", nullptr);
    check(result.first == 0 && energy == 1.0, "the same potential without a fault succeeds (" + result.second + ")");
    return failures == 0 ? 0 : 1;
}

int expectCreateErrors(int count, char** fragments) {
    tn4j_potential* p = tn4j_create("org.tensornet4j.TensorNetPotential", "{}");
    std::string error = tn4j_last_error();
    check(p == nullptr, "no potential");
    for (int i = 0; i < count; i++) check(contains(error, fragments[i]), "the error names '" + std::string(fragments[i]) + "': " + error);
    return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    std::string mode = argc > 1 ? argv[1] : "all";
    if (mode == "java-found" && argc == 3) return expectJavaFrom(argv[2]);
    if (mode == "create-fails") return expectCreateErrors(argc - 2, argv + 2);
    if (mode == "misbehaving-potential") return misbehavingPotential();
    if (mode == "optional-outputs") return optionalOutputs();
    if (mode == "device-buffers") return deviceBuffers();
    if (mode == "second-generation") {
        secondGeneration();
        std::cout << (failures == 0 ? "all passed" : "some failed") << std::endl;
        return failures == 0 ? 0 : 1;
    }
    if (mode == "existing-jvm") {
        // As when a Java program drives the engine: a JVM exists before tensornet4j is asked for one.
        std::string home = std::getenv("JAVA_HOME");
        void* libjvm = dlopen((home + "/lib/server/libjvm.so").c_str(), RTLD_NOW | RTLD_GLOBAL);
        auto create = reinterpret_cast<jint (*)(JavaVM**, void**, void*)>(dlsym(libjvm, "JNI_CreateJavaVM"));
        std::string cp = "-Djava.class.path=" + tensornet4j::defaultClassPath();
        JavaVMOption options[2] = {{const_cast<char*>(cp.c_str()), nullptr}, {const_cast<char*>("-Xrs"), nullptr}};
        JavaVMInitArgs args{JNI_VERSION_10, 2, options, JNI_FALSE};
        JavaVM* vm = nullptr;
        JNIEnv* env = nullptr;
        check(create(&vm, reinterpret_cast<void**>(&env), &args) == JNI_OK, "host created its own JVM");
        parity("tn-small", "caffeine");
        return failures == 0 ? 0 : 1;
    }
    if (mode == "foreign-libtorch") {
        if (dlopen(TN4J_FAKE_LIBTORCH, RTLD_NOW | RTLD_GLOBAL) == nullptr) {
            std::cerr << "cannot load " << TN4J_FAKE_LIBTORCH << ": " << dlerror() << std::endl;
            return 1;
        }
        json ref = reference("tn-small__caffeine");
        tn4j_potential* p = tn4j_create("org.tensornet4j.TensorNetPotential", config("tn-small", ref).c_str());
        std::string error = tn4j_last_error();
        check(p == nullptr && contains(error, "another LibTorch is already loaded"), "foreign LibTorch refused: " + error);
        return failures == 0 ? 0 : 1;
    }
    for (const char* model : {"tn-small", "tn-f64"}) {
        for (const char* input : {"caffeine", "alanine_dipeptide", "chignolin", "alanine_dipeptide_explicit_pbc"}) {
            parity(model, input);
        }
    }
    errors();
    threads();
    std::cout << (failures == 0 ? "all passed" : "some failed") << std::endl;
    return failures == 0 ? 0 : 1;
}

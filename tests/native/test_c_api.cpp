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

void parity(const std::string& model, const std::string& input) {
    json ref = reference(model + "__" + input);
    tn4j_potential* p = tn4j_create("org.tensornet4j.TensorNetPotential", config(model, ref).c_str());
    check(p != nullptr, "create " + model + " (" + tn4j_last_error() + ")");
    if (p == nullptr) return;
    std::vector<double> pos = flatPositions(ref);
    int n = static_cast<int>(ref["z"].size());
    std::vector<double> forces(3 * n), box;
    if (!ref["box"].is_null()) for (auto& row : ref["box"]) for (auto& v : row) box.push_back(v.get<double>());
    double energy = 0;
    int rc = tn4j_compute(p, n, pos.data(), box.empty() ? nullptr : box.data(), forces.data(), &energy);
    check(rc == 0, "compute " + input + " (" + tn4j_last_error() + ")");
    double e = ref["energy"][0].get<double>();
    bool f64 = ref["dtype"] == "float64";
    double tol = f64 ? 1e-9 : 1e-5, ftol = f64 ? 1e-9 : 1e-4;
    check(std::fabs(energy - e) <= tol * std::max(1.0, std::fabs(e)), "energy " + model + "/" + input + ": " +
          std::to_string(energy) + " vs " + std::to_string(e));
    double maxF = 0, worst = 0;
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < 3; k++) {
            double r = ref["forces"][i][k].get<double>();
            maxF = std::max(maxF, std::fabs(r));
            worst = std::max(worst, std::fabs(r - forces[3 * i + k]));
        }
    }
    check(worst <= ftol * std::max(1.0, maxF), "forces " + model + "/" + input + " max deviation " + std::to_string(worst));
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
    const char* testClasses = std::getenv("TN4J_TEST_CLASSES");
    if (testClasses == nullptr) {
        std::cerr << "FAILED: TN4J_TEST_CLASSES (the compiled tests/java classes) is not set" << std::endl;
        return 1;
    }
    setenv("TN4J_CLASSPATH", (tensornet4j::defaultClassPath() + ":" + testClasses).c_str(), 1);
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

// The OpenMM plugin tests, one mode per ctest test (each in its own process, so each creates its JVM):
//   test_openmm_plugin parity|finite-differences|subset|threads|failing-step|general-form|misbehaving-potential PLATFORM
//   test_openmm_plugin serialization|setting-errors|periodic-errors|mixed-system
#include "PluginTestSupport.h"

#include "tensornet4j/Host.h"

#include <cstdlib>
#include <iostream>
#include <string>

namespace tn4jtest {
int runParity(const std::string& platform);
int runFiniteDifferences(const std::string& platform);
int runSubset(const std::string& platform);
int runThreads(const std::string& platform);
int runFailingStep(const std::string& platform);
int runGeneralForm(const std::string& platform);
int runSerialization();
int runSettingErrors();
int runPeriodicErrors();
int runMisbehavingPotential(const std::string& platform);
int runMixedSystem();
}  // namespace tn4jtest

namespace {

/** Java test potentials (tests/java) go on the class path after the project's own classes. */
void addTestClasses() {
    const char* testClasses = std::getenv("TN4J_TEST_CLASSES");
    if (testClasses == nullptr) return;
    std::string classPath = tensornet4j::defaultClassPath() + ":" + testClasses;
    setenv("TN4J_CLASSPATH", classPath.c_str(), 1);
}

int usage() {
    std::cerr << "usage: test_openmm_plugin MODE [PLATFORM] (see main.cpp)" << std::endl;
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace tn4jtest;
    if (argc < 2) return usage();
    std::string mode = argv[1];
    std::string platform = argc > 2 ? argv[2] : "Reference";
    addTestClasses();
    try {
        loadPlugins();
        if (!hasPlatform(platform)) {
            std::cout << "platform " << platform << " is not available: skipped" << std::endl;
            return 77;  // ctest SKIP_RETURN_CODE
        }
        if (mode == "parity") return runParity(platform);
        if (mode == "finite-differences") return runFiniteDifferences(platform);
        if (mode == "subset") return runSubset(platform);
        if (mode == "threads") return runThreads(platform);
        if (mode == "failing-step") return runFailingStep(platform);
        if (mode == "general-form") return runGeneralForm(platform);
        if (mode == "serialization") return runSerialization();
        if (mode == "mixed-system") return runMixedSystem();
        if (mode == "setting-errors") return runSettingErrors();
        if (mode == "periodic-errors") return runPeriodicErrors();
        if (mode == "misbehaving-potential") return runMisbehavingPotential(platform);
    } catch (const std::exception& e) {
        std::cerr << "FAILED: unexpected exception: " << e.what() << std::endl;
        return 1;
    }
    return usage();
}

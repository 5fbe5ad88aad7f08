#include "JavaDiscovery.h"

#include "tensornet4j/Host.h"

#include <climits>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace tensornet4j {
namespace jvm {
namespace {

constexpr int MIN_JAVA = 17;
const char* const FIX = "Fix: set JAVA_HOME to a JDK 17+ (e.g. /usr/lib/jvm/java-17-openjdk-amd64) "
                        "or install one (Debian/Ubuntu: apt install openjdk-17-jdk-headless)";

bool exists(const std::string& path) {
    struct stat info;
    return stat(path.c_str(), &info) == 0;
}

std::string parent(const std::string& path) {
    size_t slash = path.find_last_of('/');
    return slash == std::string::npos || slash == 0 ? "/" : path.substr(0, slash);
}

/** The major version in HOME/release (JAVA_VERSION="17.0.9", "1.8.0_392"), or 0 when unknown. */
int majorVersion(const std::string& home) {
    std::ifstream release(home + "/release");
    std::string line;
    while (std::getline(release, line)) {
        if (line.rfind("JAVA_VERSION=", 0) != 0) continue;
        std::string version = line.substr(line.find('=') + 1);
        if (!version.empty() && version.front() == '"') version = version.substr(1);
        int major = std::atoi(version.c_str());
        if (major == 1) major = std::atoi(version.c_str() + version.find('.') + 1);  // 1.8 is Java 8
        return major;
    }
    return 0;
}

/** Empty when HOME holds a usable runtime, else why not. */
std::string problemWith(const std::string& home) {
    if (!exists(home)) return "does not exist";
    std::string libjvm = home + "/lib/server/libjvm.so";
    if (!exists(libjvm)) return "no libjvm.so at " + libjvm;
    int major = majorVersion(home);
    if (major > 0 && major < MIN_JAVA) {
        return "it is Java " + std::to_string(major) + ", tensornet4j needs " + std::to_string(MIN_JAVA) + "+";
    }
    return "";
}

/** The runtime home of the first `java` on PATH (bin/java with symlinks resolved), or why there is none. */
bool homeOfJavaOnPath(const char* path, std::string& home, std::string& problem) {
    std::stringstream entries(path == nullptr ? "" : path);
    std::string dir;
    while (std::getline(entries, dir, ':')) {
        std::string java = (dir.empty() ? "." : dir) + "/java";
        if (access(java.c_str(), X_OK) != 0) continue;
        char resolved[PATH_MAX];
        if (realpath(java.c_str(), resolved) == nullptr) continue;
        home = parent(parent(resolved));
        problem = problemWith(home);
        if (!problem.empty()) problem = java + " is " + resolved + ", whose runtime " + home + ": " + problem;
        return true;
    }
    problem = std::string("no java on PATH (") + (path == nullptr ? "PATH not set" : path) + ")";
    return false;
}

}  // namespace

JavaPlaces currentPlaces() {
    const char* home = std::getenv("JAVA_HOME");
    return {home != nullptr && *home != '\0' ? home : nullptr, std::getenv("PATH"), "/usr/lib/jvm/default-java",
#ifdef TN4J_BUILD_JDK
            TN4J_BUILD_JDK
#else
            ""
#endif
    };
}

std::string findLibjvm(const JavaPlaces& places) {
    if (places.javaHome != nullptr) {
        std::string problem = problemWith(places.javaHome);
        if (problem.empty()) return std::string(places.javaHome) + "/lib/server/libjvm.so";
        throw BridgeError(std::string("JAVA_HOME=") + places.javaHome + " is not a usable Java runtime: " + problem + ". " + FIX +
                          ", or unset JAVA_HOME to let tensornet4j find Java (the java on PATH, " + places.defaultJava +
                          ", the JDK it was built with)");
    }
    std::vector<std::string> tried = {"JAVA_HOME: not set"};
    std::string home, problem;
    if (homeOfJavaOnPath(places.path, home, problem) && problem.empty()) return home + "/lib/server/libjvm.so";
    tried.push_back("java on PATH: " + problem);
    for (const auto& [what, candidate] : {std::pair<std::string, std::string>{"the default JDK", places.defaultJava},
                                          {"the JDK tensornet4j was built with", places.buildJdk}}) {
        if (candidate.empty()) continue;
        problem = problemWith(candidate);
        if (problem.empty()) return candidate + "/lib/server/libjvm.so";
        tried.push_back(what + " " + candidate + ": " + problem);
    }
    std::string message = "no Java " + std::to_string(MIN_JAVA) + "+ runtime found to run the Java potentials; tried ";
    for (size_t i = 0; i < tried.size(); i++) message += (i == 0 ? "" : "; ") + tried[i];
    throw BridgeError(message + ". " + FIX);
}

}  // namespace jvm
}  // namespace tensornet4j

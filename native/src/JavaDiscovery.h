#ifndef TENSORNET4J_JAVA_DISCOVERY_H_
#define TENSORNET4J_JAVA_DISCOVERY_H_

// Which Java runtime a native host loads, found the way a user expects without being told:
// JAVA_HOME if set; else the `java` on PATH (symlinks resolved); else /usr/lib/jvm/default-java; else
// the JDK the library was built with. Internal to libtensornet4j.

#include <string>

namespace tensornet4j {
namespace jvm {

/** The places searched, in order. Separate from the process environment so that the order is one function. */
struct JavaPlaces {
    const char* javaHome;      // JAVA_HOME, or null when unset
    const char* path;          // PATH, or null when unset
    std::string defaultJava;   // the distribution's default JDK (Debian: /usr/lib/jvm/default-java)
    std::string buildJdk;      // the JDK whose JNI headers built this library (CMake's TN4J_JDK)
};

/** The places of this process: its environment and the compiled-in locations. */
JavaPlaces currentPlaces();

/**
 * The libjvm.so of the first usable Java 17+ runtime. A JAVA_HOME that is set is the user's choice: when it
 * is unusable that is the error, nothing else is tried.
 * @throws BridgeError listing every place tried, why each failed, and the fix
 */
std::string findLibjvm(const JavaPlaces& places);

}  // namespace jvm
}  // namespace tensornet4j

#endif

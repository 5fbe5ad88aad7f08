#ifndef TENSORNET4J_HOST_H_
#define TENSORNET4J_HOST_H_

// C++ entry point for engines: creates Java-defined potentials inside a JVM that this process either
// already has (a Java program drives the engine) or that is created on first use (JAVA_HOME, else the java on PATH, else
// /usr/lib/jvm/default-java, else the JDK it was built with).

#include "tensornet4j/ForceComputation.h"
#include <stdexcept>
#include <string>

namespace tensornet4j {

/** Any failure of the bridge: no JVM, bad class path, class not found, Java exception. */
class BridgeError : public std::runtime_error {
public:
    explicit BridgeError(const std::string& message) : std::runtime_error(message) {}
};

/**
 * A Java potential instance. Owns the Java object through the bridge registry: destroying the
 * handle releases it. Not copyable; movable.
 */
class JavaPotential {
public:
    /**
     * @param className fully qualified Java class implementing org.tensornet4j.Potential (or the
     *                  bridge's EnginePotential), e.g. "org.tensornet4j.TensorNetPotential"
     * @param config    configuration string handed to the class (JSON for TensorNet, see README)
     * @throws BridgeError with a message naming the problem and the fix
     */
    JavaPotential(const std::string& className, const std::string& config);
    ~JavaPotential();
    JavaPotential(const JavaPotential&) = delete;
    JavaPotential& operator=(const JavaPotential&) = delete;
    JavaPotential(JavaPotential&& other) noexcept;
    JavaPotential& operator=(JavaPotential&& other) noexcept;

    /** See ForceComputation::compute; Java exceptions become BridgeError with the Java message. */
    double compute(int numParticles, const double* positions, const double* box, double* forces);

    /** See ForceComputation::evaluate (the second generation); Java exceptions become BridgeError. */
    double evaluate(int numAtoms, const int* atomicNumbers, const double* positions, const double* box,
                    const double* totalCharge, double* forces, double* virial, double* atomEnergies);

    /**
     * See ForceComputation::computeOnDevice (device buffers on the engine's stream); false when the potential
     * runs on the CPU. Java exceptions become BridgeError. The context rule is the caller's to keep
     * (tn4j_compute_on_device checks it).
     */
    bool computeOnDevice(int numParticles, int precision, const void* positions, const void* box, void* forces,
                         bool addForces, double* energy, int deviceIndex, void* stream);

    /** The interaction cutoff in Angstrom (infinity for an all-pairs term). */
    double cutoff() const;

    /** How far an atom's position reaches into the energy in Angstrom ((layers + 1) x cutoff for TensorNet). */
    double receptiveField() const;

    /** The energy unit: the config's "energy_unit", else the model's, else "" when unknown. */
    std::string energyUnit() const;

    ForceComputation* get() const { return computation; }

    /** Steps done and seconds spent inside the Java potential (Java's clock), for benchmarks. */
    struct Timing {
        long long steps;
        double potentialSeconds;
    };
    Timing timing() const;

private:
    ForceComputation* computation;
    long long id;
};

/**
 * Steps and seconds inside Java summed over every live Java potential of the process (for
 * benchmarks of engines whose potentials the caller does not hold directly).
 */
JavaPotential::Timing totalBridgeTiming();

/** The class path the JVM is created with: TN4J_CLASSPATH, else the file the build installed. */
std::string defaultClassPath();

}  // namespace tensornet4j

#endif

#ifndef TENSORNET_PLUGIN_POTENTIAL_STEP_H_
#define TENSORNET_PLUGIN_POTENTIAL_STEP_H_

// One Context's Java potential and the host-side round trip every platform shares: OpenMM positions
// (nm) -> model length unit -> Java -> model energy/forces -> kJ/mol and kJ/mol/nm. Buffers are
// allocated once; bridge errors become OpenMMExceptions carrying the Java message.

#include "TensorNetForce.h"
#include "internal/ResolvedSettings.h"

#include "openmm/System.h"
#include "openmm/Vec3.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace OpenMM {
class ContextImpl;
}
namespace tensornet4j {
class JavaPotential;
}

namespace TensorNetPlugin {

class PotentialStep {
public:
    /** Creates the Java potential (OpenMMException with the Java message if it cannot). */
    PotentialStep(const OpenMM::System& system, const TensorNetForce& force);
    ~PotentialStep();

    /**
     * Evaluates the potential at the Context's current box and global parameter values.
     * @param positions all System particles, nm
     * @return the energy in kJ/mol
     */
    double compute(OpenMM::ContextImpl& context, const std::vector<OpenMM::Vec3>& positions);

    /** Adds the forces of the last compute (kJ/mol/nm) to the particles the force applies to. */
    void addForces(std::vector<OpenMM::Vec3>& forces) const;

    /**
     * Seconds spent in compute() and addForces() summed over every PotentialStep of the process, and
     * how many compute() calls: with the bridge's time inside Java, benchmarks get the plugin's and
     * the bridge's own share of a step without OpenMM's integrator (two clock reads per call).
     */
    struct Timing {
        long long steps;
        double seconds;
    };
    static Timing totalTiming();

private:
    /** Re-creates the Java potential when a global parameter changed in the Context. */
    void followParameters(OpenMM::ContextImpl& context);
    void createPotential();
    /** OpenMMException naming the vectors (nm) and the fix when one component is NaN or infinite. */
    static void requireFiniteBox(const OpenMM::Vec3 (&vectors)[3]);

    TensorNetForce force;  // a copy: the settings as they were when the Context was created
    ResolvedSettings settings;
    std::map<std::string, double> parameterValues;
    std::unique_ptr<tensornet4j::JavaPotential> potential;
    std::vector<double> modelPositions;
    std::vector<double> modelForces;
};

}  // namespace TensorNetPlugin

#endif

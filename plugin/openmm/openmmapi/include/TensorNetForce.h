#ifndef TENSORNET_PLUGIN_TENSORNET_FORCE_H_
#define TENSORNET_PLUGIN_TENSORNET_FORCE_H_

// An OpenMM Force whose energy and forces come from a potential written in Java (TensorNet by
// default) through the tensornet4j bridge. The Java potential is created when a Context is created
// and is called once per force evaluation with the positions of the particles it applies to.

#include "openmm/Force.h"

#include <string>
#include <vector>

namespace TensorNetPlugin {

class TensorNetForce : public OpenMM::Force {
public:
    /** The Java class the checkpoint constructor uses. */
    static const std::string& defaultClassName();

    /**
     * TensorNet from a TorchMD-Net checkpoint.
     *
     * @param checkpoint    path of the .ckpt file (read when a Context is created)
     * @param atomicNumbers one per particle the force applies to (all particles, or the subset given
     *                      with setParticles, in the same order)
     */
    TensorNetForce(const std::string& checkpoint, const std::vector<int>& atomicNumbers);

    /**
     * Any Java class implementing org.tensornet4j.Potential (static fromConfig(Map|String) or a
     * constructor taking Map|String). The configuration is a JSON object handed to the class; the
     * force adds "atomic_numbers" (from the config's own "atomic_numbers" unless setAtomicNumbers was
     * called), "charge" and "global_parameters" when it creates the potential.
     */
    TensorNetForce(const std::string& className, const std::string& config);

    const std::string& getClassName() const { return className; }
    /** The JSON configuration without the keys the force adds (see the constructor). */
    const std::string& getConfig() const { return config; }
    /** The checkpoint path from the configuration ("" if it has none). */
    std::string getCheckpoint() const;

    /**
     * Replaces a hyper-parameter of the checkpoint when the potential is created, as TorchMD-Net's
     * load_model(checkpoint, name=value) does, e.g. setHyperParameter("coulomb_cutoff", "10") for
     * TensorNet2 in a periodic box or setHyperParameter("precision", "64") to evaluate a float32
     * checkpoint in float64. The value is JSON (10, true, null, [1, 2], "text"); text that is not JSON
     * is taken as a plain string. Stored in the configuration under "hyperparameters", so XML
     * serialization keeps it. A name the model does not read fails at Context creation with an
     * OpenMMException that lists the names it reads.
     */
    void setHyperParameter(const std::string& name, const std::string& value);
    /** The overrides set so far, as a JSON object ("{}" when none). */
    std::string getHyperParameters() const;

    const std::vector<int>& getAtomicNumbers() const { return atomicNumbers; }
    void setAtomicNumbers(const std::vector<int>& atomicNumbers);

    /** Particle indices the force applies to, in atomic-number order; empty means all particles. */
    const std::vector<int>& getParticles() const { return particles; }
    void setParticles(const std::vector<int>& particles);

    /** Total charge of the particles the force applies to (elementary charges); default 0. */
    double getCharge() const { return charge; }
    void setCharge(double charge);

    /**
     * The length unit the Java potential works in, as nanometres per model unit (default 0.1:
     * Angstrom, the unit of TensorNet and of the bridge contract).
     */
    double getLengthScale() const { return lengthScale; }
    void setLengthScale(double nanometresPerUnit);
    /** Sets the length scale by name: "angstrom" ("A", "Å"), "nm", "bohr". */
    void setLengthUnit(const std::string& name);

    /**
     * The energy unit of the model: "eV", "kcal/mol", "kJ/mol" or "hartree". When unset, the unit the
     * checkpoint records (hyper-parameter energy_unit, written by tn4j train; eV in the shipped default
     * model); TorchMD-Net's own checkpoints record none, so for them it is required. Context creation
     * fails with a message naming this setting if it is unknown, or unset for a checkpoint without one.
     */
    const std::string& getEnergyUnit() const { return energyUnit; }
    void setEnergyUnit(const std::string& name);

    bool usesPeriodicBoundaryConditions() const override { return periodic; }
    /** When true, the Context's periodic box (in the model's length unit) is passed every step. */
    void setUsesPeriodicBoundaryConditions(bool periodic);

    /**
     * Global parameters stored in the Context. Their current values reach the potential in its
     * configuration under "global_parameters" ({name: value}); when a value changes in the Context,
     * the Java potential is created again with the new values before the next evaluation.
     */
    int addGlobalParameter(const std::string& name, double defaultValue);
    int getNumGlobalParameters() const { return static_cast<int>(parameterNames.size()); }
    const std::string& getGlobalParameterName(int index) const;
    void setGlobalParameterName(int index, const std::string& name);
    double getGlobalParameterDefaultValue(int index) const;
    void setGlobalParameterDefaultValue(int index, double defaultValue);

protected:
    OpenMM::ForceImpl* createImpl() const override;

private:
    void checkParameterIndex(int index) const;

    std::string className;
    std::string config;
    std::vector<int> atomicNumbers;
    std::vector<int> particles;
    double charge = 0.0;
    double lengthScale = 0.1;
    std::string energyUnit;
    bool periodic = false;
    std::vector<std::string> parameterNames;
    std::vector<double> parameterDefaults;
};

}  // namespace TensorNetPlugin

#endif

// Python docstrings of openmmtensornet4j.TensorNetForce (help(TensorNetForce), IDEs). SWIG puts each
// after the method's signature (autodoc). Keep them in step with TensorNetForce.h and docs/openmm.md;
// plugin/openmm/tests/python/test_openmm_plugin.py checks that every public method has one.

%feature("docstring") TensorNetPlugin::TensorNetForce "
An OpenMM Force whose energy and forces come from a TorchMD-Net checkpoint (TensorNet, TensorNet2/AceFF)
or any Java potential, evaluated by tensornet4j inside this process.

    force = TensorNetForce('model.ckpt', atomic_numbers)
    force.setEnergyUnit('eV')      # required: checkpoints record no energy unit
    system.addForce(force)

Errors (settings when the Context is created, a failing step when energies or forces are computed) are
openmm.OpenMMException with the Java message. Guide: docs/openmm.md.
";

%feature("docstring") TensorNetPlugin::TensorNetForce::TensorNetForce "
TensorNetForce(checkpoint, atomicNumbers): a TorchMD-Net checkpoint (.ckpt path) evaluated on the CPU;
one atomic number per particle the force applies to (all particles, or those given to setParticles).
TensorNetForce(className, config): any Java class implementing org.tensornet4j.Potential, created from
the JSON object config (e.g. 'org.tensornet4j.Ensemble' with '{\"checkpoints\": [\"a.ckpt\", \"b.ckpt\"]}');
the atomic numbers come from the config's \"atomic_numbers\" unless setAtomicNumbers is called.
";
%feature("docstring") TensorNetPlugin::TensorNetForce::defaultClassName
    "The Java class the checkpoint form uses: org.tensornet4j.TensorNetPotential.";
%feature("docstring") TensorNetPlugin::TensorNetForce::getClassName "The Java potential class.";
%feature("docstring") TensorNetPlugin::TensorNetForce::getConfig
    "The JSON configuration handed to the Java class (checkpoint, hyperparameters, ...).";
%feature("docstring") TensorNetPlugin::TensorNetForce::getCheckpoint
    "The checkpoint path from the configuration ('' if it has none).";
%feature("docstring") TensorNetPlugin::TensorNetForce::setHyperParameter "
Replaces a hyper-parameter of the checkpoint when the potential is created, as TorchMD-Net's
load_model(checkpoint, name=value) does: setHyperParameter('coulomb_cutoff', 10.0) for TensorNet2/AceFF
in a periodic box, setHyperParameter('precision', 64) to evaluate a float32 checkpoint in float64.
Numbers, booleans, lists and None are written as JSON; a str is JSON or else a plain string. Kept by XML
serialization. A name the model does not read fails at Context creation, listing the names it reads.
";
%feature("docstring") TensorNetPlugin::TensorNetForce::getHyperParameters
    "The hyper-parameter overrides set so far, as a JSON object ('{}' when none).";
%feature("docstring") TensorNetPlugin::TensorNetForce::getAtomicNumbers
    "The atomic numbers, one per particle the force applies to.";
%feature("docstring") TensorNetPlugin::TensorNetForce::setAtomicNumbers
    "Sets the atomic numbers (1-118), one per particle the force applies to, in the order of setParticles.";
%feature("docstring") TensorNetPlugin::TensorNetForce::getParticles
    "The particle indices the force applies to (empty: all particles).";
%feature("docstring") TensorNetPlugin::TensorNetForce::setParticles "
ML/MM: applies the force to these particle indices only, in the order of the atomic numbers; the
other particles get no force from it. Leave the MM terms inside this region out of the System yourself.
";
%feature("docstring") TensorNetPlugin::TensorNetForce::getCharge
    "The total charge of the particles the force applies to (elementary charges).";
%feature("docstring") TensorNetPlugin::TensorNetForce::setCharge
    "Sets the total charge (elementary charges; default 0). TensorNet2/AceFF-2 models need it.";
%feature("docstring") TensorNetPlugin::TensorNetForce::getLengthScale
    "The model's length unit in nm (0.1: Angstrom, the default).";
%feature("docstring") TensorNetPlugin::TensorNetForce::setLengthScale
    "Sets the model's length unit in nm per unit (default 0.1, Angstrom).";
%feature("docstring") TensorNetPlugin::TensorNetForce::setLengthUnit
    "Sets the model's length unit by name: 'angstrom' (default), 'nm' or 'bohr'.";
%feature("docstring") TensorNetPlugin::TensorNetForce::getEnergyUnit "The model's energy unit ('' until set).";
%feature("docstring") TensorNetPlugin::TensorNetForce::setEnergyUnit "
Sets the model's energy unit, required because TorchMD-Net checkpoints record none: 'eV' (the shipped
model, AceFF), 'kcal/mol', 'kJ/mol' or 'hartree'. Energies are converted to kJ/mol, forces to kJ/mol/nm.
";
%feature("docstring") TensorNetPlugin::TensorNetForce::usesPeriodicBoundaryConditions
    "Whether the Context's periodic box is passed to the model every step.";
%feature("docstring") TensorNetPlugin::TensorNetForce::setUsesPeriodicBoundaryConditions "
Passes the Context's periodic box to the model every step (default False: the model sees the particles
in vacuum). The box must be at least twice the model's cutoff (and TensorNet2's coulomb_cutoff).
";
%feature("docstring") TensorNetPlugin::TensorNetForce::addGlobalParameter "
Adds a Context parameter with its default value and returns its index. Values reach the Java potential
as \"global_parameters\" in its configuration; a changed value recreates the potential before the next
evaluation (for a checkpoint that reloads it: change them between runs, not every step).
";
%feature("docstring") TensorNetPlugin::TensorNetForce::getNumGlobalParameters "The number of global parameters.";
%feature("docstring") TensorNetPlugin::TensorNetForce::getGlobalParameterName "The name of global parameter index.";
%feature("docstring") TensorNetPlugin::TensorNetForce::setGlobalParameterName "Renames global parameter index.";
%feature("docstring") TensorNetPlugin::TensorNetForce::getGlobalParameterDefaultValue
    "The default value of global parameter index.";
%feature("docstring") TensorNetPlugin::TensorNetForce::setGlobalParameterDefaultValue
    "Sets the default value of global parameter index.";
%feature("docstring") TensorNetPlugin::TensorNetForce::cast
    "The TensorNetForce behind an openmm.Force (System.getForce returns the base class); OpenMMException if it is not one.";
%feature("docstring") TensorNetPlugin::TensorNetForce::isinstance "Whether an openmm.Force is a TensorNetForce.";

%feature("docstring") TensorNetPlugin::createMixedSystem "
ML/MM with mechanical embedding, as openmm-ml's createMixedSystem builds it (C++: MechanicalEmbedding.h):
a new System in which the ML atoms' internal energy comes from mlForce, a configured TensorNetForce with
one atomic number per ML atom (checkpoint, energy unit, total charge, hyper-parameters such as
coulomb_cutoff), and everything else from system, which is copied and not changed. Bonded terms inside
the ML region are removed, ML pairs get zero exceptions (NonbondedForce) or exclusions
(CustomNonbondedForce), ML-MM interactions stay classical. interpolate adds the global parameter
'lambda_interpolate' (0: classical, 1: mixed). mlAtoms: distinct indices in range, in the order of the
atomic numbers; errors are openmm.OpenMMException. createMixedSystem(topology, system, atoms, checkpoint,
...) builds mlForce from a Topology with openmm-ml's defaults. Guide: docs/openmm.md.
";

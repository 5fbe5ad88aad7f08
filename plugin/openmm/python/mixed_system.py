# ML/MM mixed systems from Python (inserted into the module openmmtensornet4j by openmmtensornet4j.i):
# openmm-ml's MLPotential(...).createMixedSystem for a TorchMD-Net checkpoint, on the C++ function
# createMixedSystemWithForce (plugin/openmm/openmmapi/include/MechanicalEmbedding.h, which names the
# openmm-ml commit reproduced). Here: atom selection from an openmm.app.Topology, atomic numbers, and
# openmm-ml's TorchMD-Net options (charge, coulomb_cutoff, useCoulombCutoff, remove_ref_energy).

import pickle as _pickle
import zipfile as _zipfile


class _HyperParameterReader(_pickle.Unpickler):
    """Reads a checkpoint's pickle without torch: tensors and unknown classes become None, nothing runs."""

    _PLAIN = {("collections", "OrderedDict"), ("builtins", "dict"), ("builtins", "list"), ("builtins", "tuple"),
              ("builtins", "set")}

    class _Stub:
        def __init__(self, *args, **kwargs):
            pass

        def __call__(self, *args, **kwargs):
            return None

        def __setstate__(self, state):
            pass

    def find_class(self, module, name):
        if (module, name) in self._PLAIN:
            return super().find_class(module, name)
        if name.endswith("AttributeDict"):  # Lightning's hyper-parameter dictionary
            return dict
        return self._Stub

    def persistent_load(self, pid):
        return None


def _checkpoint_hyper_parameters(checkpoint):
    """The checkpoint's hyper_parameters, or None when the file cannot be read this way."""
    try:
        with _zipfile.ZipFile(checkpoint) as archive:
            name = next(n for n in archive.namelist() if n.endswith("data.pkl"))
            data = _HyperParameterReader(archive.open(name)).load()
        return dict(data.get("hyper_parameters") or {})
    except Exception:
        return None


def _reads_coulomb_cutoff(checkpoint):
    """Whether the model has TensorNet2's Coulomb head, the only part that reads coulomb_cutoff."""
    hyper_parameters = _checkpoint_hyper_parameters(checkpoint)
    return hyper_parameters is not None and hyper_parameters.get("output_model") == "ScalarPlusWeightedCoulomb"


def selectAtoms(topology, residueNames=None, chains=None, indices=None):
    """Indices of the atoms of an openmm.app.Topology in any of the given residues (by name, e.g. ['LIG']),
    chains (by id, e.g. 'A', or by index) or indices, in the Topology's order. With several criteria an atom
    must meet all of them. The C++ function takes an index list; the Java side selects from its PDB reader."""
    residueNames = None if residueNames is None else {residueNames} if isinstance(residueNames, str) else set(residueNames)
    chains = None if chains is None else [chains] if isinstance(chains, (str, int)) else list(chains)
    indices = None if indices is None else set(indices)
    selected = []
    for atom in topology.atoms():
        chain = atom.residue.chain
        if residueNames is not None and atom.residue.name not in residueNames:
            continue
        if chains is not None and chain.id not in chains and chain.index not in chains:
            continue
        if indices is not None and atom.index not in indices:
            continue
        selected.append(atom.index)
    if not selected:
        raise ValueError(f"no atom matches residueNames={residueNames}, chains={chains}, indices={indices}: "
                         f"the Topology's residues are {sorted({r.name for r in topology.residues()})}, its chains "
                         f"{[c.id for c in topology.chains()]}")
    return selected


def createMixedSystem(topology, system, atoms, checkpoint, energyUnit="eV", charge=0, removeConstraints=True,
                      forceGroup=0, interpolate=False, coulomb_cutoff=1.2, useCoulombCutoff=None,
                      remove_ref_energy=True, mlLongRange=False, lengthUnit="angstrom", hyperParameters=None):
    """ML/MM with mechanical embedding, as openmm-ml builds it: a new System (system is not changed) in which
    the atoms' internal energy comes from the TorchMD-Net checkpoint and everything else from system.

    Moving from openmm-ml, only the potential's construction changes:
        MLPotential('aceff-2.0').createMixedSystem(topology, system, atoms, charge=-1)
        createMixedSystem(topology, system, atoms, 'aceff_v2.0.ckpt', charge=-1)

    topology          openmm.app.Topology of system (atomic numbers of the ML atoms; its particle count must match)
    atoms             indices of the ML atoms (selectAtoms(topology, residueNames=['LIG']) selects by name or chain)
    checkpoint        the TorchMD-Net checkpoint (.ckpt)
    energyUnit        the model's energy unit ('eV' for AceFF and the shipped model; openmm-ml's default too)
    charge            total charge of the ML region (TensorNet2/AceFF-2 read it)
    removeConstraints remove constraints between two ML atoms
    forceGroup        force group of the TensorNetForce
    interpolate       add the global parameter 'lambda_interpolate' (0: classical, 1: mixed)
    coulomb_cutoff    Coulomb cutoff of TensorNet2 (nm, or an openmm.unit length), used for periodic systems
                      unless useCoulombCutoff says otherwise (openmm-ml: 1.2 nm); models without TensorNet2's
                      Coulomb head do not read it (TorchMD-Net ignores it for them)
    remove_ref_energy TorchMD-Net's load_model option (default True: the checkpoint as trained)
    mlLongRange       whether the model computes long-range electrostatics: False for TensorNet (openmm-ml's
                      value for the AceFF models)
    lengthUnit        the model's length unit ('angstrom')
    hyperParameters   other hyper-parameter overrides, {name: value}
    Errors: openmm.OpenMMException (bad atom list, particle counts), ValueError (empty selection).
    """
    import openmm
    import openmm.unit as unit
    numAtoms = topology.getNumAtoms()
    if numAtoms != system.getNumParticles():
        raise openmm.OpenMMException(
            f"createMixedSystem: the Topology has {numAtoms} atoms but the System {system.getNumParticles()} "
            "particles: pass the Topology the System was created from")
    atoms = [int(a) for a in atoms]
    topologyAtoms = list(topology.atoms())
    numbers = []
    for index in atoms:
        if 0 <= index < numAtoms:
            element = topologyAtoms[index].element
            if element is None:
                raise openmm.OpenMMException(f"createMixedSystem: ML atom {index} ({topologyAtoms[index].name}) has "
                                             "no element in the Topology: ML atoms need elements (virtual sites cannot be ML atoms)")
            numbers.append(element.atomic_number)
        else:
            numbers.append(0)  # createMixedSystemWithForce reports the index
    force = TensorNetForce(str(checkpoint), numbers)
    force.setEnergyUnit(energyUnit)
    force.setLengthUnit(lengthUnit)
    force.setCharge(float(charge))
    force.setForceGroup(forceGroup)
    periodic = topology.getPeriodicBoxVectors() is not None or system.usesPeriodicBoundaryConditions()
    force.setUsesPeriodicBoundaryConditions(periodic)  # openmm-ml's rule; the C++ function adds the System's
    if useCoulombCutoff is None:
        useCoulombCutoff = periodic
    if _reads_coulomb_cutoff(str(checkpoint)):
        if unit.is_quantity(coulomb_cutoff):
            coulomb_cutoff = coulomb_cutoff.value_in_unit(unit.nanometer)
        force.setHyperParameter("coulomb_cutoff", 10 * coulomb_cutoff if useCoulombCutoff else None)
    if not remove_ref_energy:
        force.setHyperParameter("remove_ref_energy", False)
    for name, value in (hyperParameters or {}).items():
        force.setHyperParameter(name, value)
    return createMixedSystemWithForce(system, atoms, force, interpolate, removeConstraints, mlLongRange)

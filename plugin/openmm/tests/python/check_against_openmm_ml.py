"""Compares openmmtensornet4j.createMixedSystem with openmm-ml's own createMixedSystem, run from its source.

    /usr/bin/python3 plugin/openmm/tests/python/check_against_openmm_ml.py OPENMM_ML_SOURCE_DIR

(with PYTHONPATH=build/python and TN4J_PLUGIN_DIR=build/lib/plugins, as for the pytest tests). Not run by
ctest: openmm-ml cannot be installed here (no PyPI; it needs PyTorch for its TorchMD-Net model). Get its
source with `git clone https://github.com/openmm/openmm-ml` and pass the directory. Only the mechanical
embedding and MLPotential.createMixedSystem of openmm-ml run: its TorchMD-Net potential is replaced by an
MLPotentialImpl that adds the TensorNetForce its own addForces would describe (atoms, periodicity from the
System or the Topology, force group). For solvated (PME) and vacuum alanine dipeptide, with and without
interpolate, and with mlLongRange=True, the two Systems must serialize to the same XML. Exit status 1 and
a diff otherwise.
"""
import difflib
import pathlib
import sys

import openmm
import openmm.app as app
import openmm.unit as unit

import openmmtensornet4j as tn

ROOT = pathlib.Path(__file__).resolve().parents[4]
MODEL = str(ROOT / "examples" / "models" / "default.ckpt")


def openmm_ml(source):
    sys.path.insert(0, source)
    from openmmml.embeddings.mechanicalembedding import MechanicalEmbeddingFactory
    from openmmml.mlpotential import MLPotential, MLPotentialImpl, MLPotentialImplFactory

    class TensorNetImpl(MLPotentialImpl):
        longRange = False  # the AceFF models' value; None for a local checkpoint (then mlLongRange is given)

        def addForces(self, topology, system, atoms, forceGroup, **args):
            elements = [atom.element.atomic_number for atom in topology.atoms()]
            force = tn.TensorNetForce(MODEL, [elements[i] for i in atoms])
            force.setEnergyUnit("eV")
            force.setParticles(list(atoms))
            force.setForceGroup(forceGroup)
            # torchmdnetpotential.py: periodic when the Topology or the System has a box
            force.setUsesPeriodicBoundaryConditions(topology.getPeriodicBoxVectors() is not None
                                                    or system.usesPeriodicBoundaryConditions())
            system.addForce(force)

        def getMLLongRange(self):
            return self.longRange

    class Factory(MLPotentialImplFactory):
        def createImpl(self, name, **args):
            return TensorNetImpl()

    MLPotential.registerImplFactory("tensornet4j", Factory())
    MLPotential.registerEmbeddingFactory("mechanical", MechanicalEmbeddingFactory())  # an entry point when installed
    return MLPotential, TensorNetImpl


def systems():
    pdb = app.PDBFile(str(ROOT / "examples" / "molecules" / "alanine_dipeptide.pdb"))
    forcefield = app.ForceField("amber14-all.xml", "amber14/tip3p.xml")
    solvated = app.Modeller(pdb.topology, pdb.positions)
    solvated.addSolvent(forcefield, boxSize=openmm.Vec3(2.1, 2.1, 2.1) * unit.nanometer)
    yield "solvated", solvated.topology, forcefield.createSystem(
        solvated.topology, nonbondedMethod=app.PME, nonbondedCutoff=0.9 * unit.nanometer, constraints=app.HBonds), \
        tn.selectAtoms(solvated.topology, residueNames=["ACE", "ALA", "NME"])
    yield "vacuum", pdb.topology, forcefield.createSystem(pdb.topology, nonbondedMethod=app.NoCutoff, constraints=app.HBonds), \
        tn.selectAtoms(pdb.topology, residueNames="ALA")


def main():
    MLPotential, impl = openmm_ml(sys.argv[1])
    differences = 0
    for name, topology, system, atoms in systems():
        cases = [(False, None), (True, None)] + ([(False, True), (True, True)] if name == "solvated" else [])
        for interpolate, mlLongRange in cases:
            impl.longRange = False if mlLongRange is None else None
            extra = {} if mlLongRange is None else {"mlLongRange": mlLongRange}
            theirs = MLPotential("tensornet4j").createMixedSystem(topology, system, atoms, interpolate=interpolate, **extra)
            ours = tn.createMixedSystem(topology, system, atoms, MODEL, interpolate=interpolate, **extra)
            a, b = openmm.XmlSerializer.serialize(theirs), openmm.XmlSerializer.serialize(ours)
            print(f"{name}, interpolate={interpolate}, mlLongRange={mlLongRange}: "
                  f"{'same XML' if a == b else 'DIFFERENT'} ({len(a)} characters)")
            if a != b:
                differences += 1
                sys.stdout.writelines(list(difflib.unified_diff(a.splitlines(True), b.splitlines(True), "openmm-ml", "tensornet4j"))[:60])
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()

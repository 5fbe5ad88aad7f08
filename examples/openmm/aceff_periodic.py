"""A TensorNet2 (AceFF-2) model in OpenMM in a periodic box: the total charge and the Coulomb cutoff.

    /usr/bin/python3 examples/openmm/aceff_periodic.py [CHECKPOINT [CHARGE]]

CHECKPOINT defaults to tests/fixtures/tensornet/tn2-bench.ckpt, a TensorNet2 with random weights and
AceFF-2.0's output head (ScalarPlusWeightedCoulomb) that stands in for AceFF-2.0 (aceff_v2.0.ckpt from
Hugging Face, Acellera/AceFF-2.0; not shipped here): its energies mean nothing, the settings are the same.
It evaluates caffeine in a 2.5 nm periodic box with coulomb_cutoff = 10 Angstrom (TorchMD-Net refuses a
periodic box without one, and so does tensornet4j: shown at the end), then runs 20 MD steps.
Environment as for alanine_dipeptide.py (nothing once installed; else PYTHONPATH=<build>/python).
"""
import sys

import openmm
import openmm.app as app
import openmm.unit as unit

import openmmtensornet4j

checkpoint = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/tensornet/tn2-bench.ckpt"
charge = float(sys.argv[2]) if len(sys.argv) > 2 else 0.0
pdb = app.PDBFile("examples/molecules/caffeine.pdb")


def system_with(coulomb_cutoff):
    system = openmm.System()
    for atom in pdb.topology.atoms():
        system.addParticle(atom.element.mass)
    system.setDefaultPeriodicBoxVectors(*(openmm.Vec3(*row) * 2.5 for row in ((1, 0, 0), (0, 1, 0), (0, 0, 1))))
    force = openmmtensornet4j.TensorNetForce(checkpoint, [atom.element.atomic_number for atom in pdb.topology.atoms()])
    force.setEnergyUnit("eV")                       # AceFF's unit
    force.setCharge(charge)                         # TensorNet2 needs the total charge (0 for a neutral molecule)
    force.setUsesPeriodicBoundaryConditions(True)   # pass the box every step ...
    if coulomb_cutoff is not None:
        force.setHyperParameter("coulomb_cutoff", coulomb_cutoff)  # ... which needs a Coulomb cutoff (Angstrom)
    system.addForce(force)
    return system


simulation = app.Simulation(pdb.topology, system_with(10.0), openmm.LangevinMiddleIntegrator(
    300 * unit.kelvin, 1 / unit.picosecond, 0.5 * unit.femtoseconds), openmm.Platform.getPlatformByName("CPU"))
simulation.context.setPositions(pdb.positions)
print("energy with coulomb_cutoff = 10 A:", simulation.context.getState(getEnergy=True).getPotentialEnergy())
simulation.step(20)
print("after 20 steps:", simulation.context.getState(getEnergy=True).getPotentialEnergy())

context = openmm.Context(system_with(None), openmm.VerletIntegrator(0.001), openmm.Platform.getPlatformByName("Reference"))
context.setPositions(pdb.positions)
try:
    context.getState(getEnergy=True)
    sys.exit("expected the periodic box without a Coulomb cutoff to be refused")
except openmm.OpenMMException as error:
    print("without a cutoff, as TorchMD-Net:", str(error).split("java.lang.IllegalArgumentException: ")[-1][:80], "...")

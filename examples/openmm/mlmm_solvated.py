"""ML/MM in a periodic box: alanine dipeptide on TensorNet (the ML region) in TIP3P water (Amber14, PME),
through the tensornet4j OpenMM plugin. Mechanical embedding: the solute's internal energy comes from the
model only (its Amber bonds, angles, torsions and intramolecular nonbonded pairs are switched off), the
solute-water and water-water interactions from Amber14/TIP3P.

    /usr/bin/python3 examples/openmm/mlmm_solvated.py [STEPS]      (default 200 steps of 1 fs at 300 K)

What it shows: TensorNetForce.setParticles (the ML subset), setUsesPeriodicBoundaryConditions (the box is
passed to the model every step), setEnergyUnit. The shipped model (examples/models/README.md) was trained
on GFN2-xTB gas-phase data of small molecules: this is a demonstration of the plumbing, not a production
model for solvated peptides. Environment as for alanine_dipeptide.py (nothing once installed; else
PYTHONPATH=<build>/python).
"""
import sys

import openmm
import openmm.app as app
import openmm.unit as unit

import openmmtensornet4j

steps = int(sys.argv[1]) if len(sys.argv) > 1 else 200
pdb = app.PDBFile("examples/molecules/alanine_dipeptide.pdb")
forcefield = app.ForceField("amber14-all.xml", "amber14/tip3p.xml")
modeller = app.Modeller(pdb.topology, pdb.positions)
modeller.addSolvent(forcefield, padding=0.8 * unit.nanometer)
system = forcefield.createSystem(modeller.topology, nonbondedMethod=app.PME, nonbondedCutoff=0.9 * unit.nanometer,
                                 constraints=None, rigidWater=True)

# The ML region: the solute's atoms (the first residues, before the water).
ml = [atom.index for atom in modeller.topology.atoms() if atom.residue.name != "HOH"]
ml_set = set(ml)

# Switch off the Amber terms inside the ML region; the model gives that energy instead.
for force in system.getForces():
    if isinstance(force, openmm.HarmonicBondForce):
        for i in range(force.getNumBonds()):
            a, b, length, k = force.getBondParameters(i)
            if a in ml_set and b in ml_set:
                force.setBondParameters(i, a, b, length, 0)
    elif isinstance(force, openmm.HarmonicAngleForce):
        for i in range(force.getNumAngles()):
            a, b, c, angle, k = force.getAngleParameters(i)
            if {a, b, c} <= ml_set:
                force.setAngleParameters(i, a, b, c, angle, 0)
    elif isinstance(force, openmm.PeriodicTorsionForce):
        for i in range(force.getNumTorsions()):
            a, b, c, d, n, phase, k = force.getTorsionParameters(i)
            if {a, b, c, d} <= ml_set:
                force.setTorsionParameters(i, a, b, c, d, n, phase, 0)
    elif isinstance(force, openmm.NonbondedForce):
        for i, a in enumerate(ml):
            for b in ml[i + 1:]:
                force.addException(a, b, 0, 1, 0, True)  # no Coulomb or Lennard-Jones inside the ML region

atomic_numbers = [atom.element.atomic_number for atom in modeller.topology.atoms() if atom.index in ml_set]
tensornet = openmmtensornet4j.TensorNetForce("examples/models/default.ckpt", atomic_numbers)
tensornet.setParticles(ml)                       # the model sees these particles only, in this order
tensornet.setUsesPeriodicBoundaryConditions(True)  # pass the periodic box every step
tensornet.setEnergyUnit("eV")                    # the unit of the shipped model
system.addForce(tensornet)

integrator = openmm.LangevinMiddleIntegrator(300 * unit.kelvin, 1 / unit.picosecond, 1 * unit.femtoseconds)
simulation = app.Simulation(modeller.topology, system, integrator, openmm.Platform.getPlatformByName("CPU"))
simulation.context.setPositions(modeller.positions)
print(f"{system.getNumParticles()} particles, {len(ml)} of them on TensorNet; box "
      f"{simulation.context.getState().getPeriodicBoxVectors()[0][0].value_in_unit(unit.nanometer):.2f} nm")
simulation.minimizeEnergy(maxIterations=100)
simulation.context.setVelocitiesToTemperature(300 * unit.kelvin, 2024)
simulation.reporters.append(app.StateDataReporter(sys.stdout, max(1, steps // 4), step=True, potentialEnergy=True,
                                                  temperature=True, speed=True))
simulation.step(steps)

"""ML/MM in a periodic box: alanine dipeptide on TensorNet (the ML region) in TIP3P water (Amber14, PME),
built with openmmtensornet4j.createMixedSystem, which builds what openmm-ml's createMixedSystem builds
(mechanical embedding): the solute's internal energy comes from the model only (its Amber bonds, angles,
torsions, constraints and intramolecular nonbonded pairs are removed), the solute-water and water-water
interactions from Amber14/TIP3P.

    /usr/bin/python3 examples/openmm/mlmm_solvated.py [STEPS]      (default 200 steps of 1 fs at 300 K)

With openmm-ml the same system is MLPotential('aceff-2.0').createMixedSystem(topology, system, ml); here
only the potential's construction changes: createMixedSystem(topology, system, ml, CHECKPOINT, ...). The
shipped model (examples/models/README.md) was trained on GFN2-xTB gas-phase data of small molecules: this
is a demonstration of the plumbing, not a production model for solvated peptides. Environment as for
alanine_dipeptide.py (nothing once installed; else PYTHONPATH=<build>/python).
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
classical = forcefield.createSystem(modeller.topology, nonbondedMethod=app.PME, nonbondedCutoff=0.9 * unit.nanometer,
                                    constraints=app.HBonds)

# The ML region by residue name (selectAtoms also selects by chain or index); the water stays classical.
ml = openmmtensornet4j.selectAtoms(modeller.topology, residueNames=["ACE", "ALA", "NME"])
system = openmmtensornet4j.createMixedSystem(modeller.topology, classical, ml, "examples/models/default.ckpt",
                                             energyUnit="eV", charge=0)

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

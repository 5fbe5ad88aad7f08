"""Alanine dipeptide (in vacuum) on TensorNet through the tensornet4j OpenMM plugin, from Python:
1000 LangevinMiddleIntegrator steps of 0.5 fs at 300 K on the CPU platform, energies every 100 steps.

    /usr/bin/python3 examples/openmm/alanine_dipeptide.py [PDB [CHECKPOINT [STEPS]]]

Needs a JDK 17+ (JAVA_HOME, the java on PATH, or default-java) and the module openmmtensornet4j importable
(installed, or PYTHONPATH=<build>/python); the module loads the TensorNet kernel plugins (TN4J_PLUGIN_DIR
names another directory). The default model (trained on GFN2-xTB, see examples/models/README.md) gives eV;
a checkpoint in another unit needs its own setEnergyUnit.
"""
import os
import sys

import openmm
import openmm.app as app
import openmm.unit as unit

import openmmtensornet4j

pdb_path = sys.argv[1] if len(sys.argv) > 1 else "examples/molecules/alanine_dipeptide.pdb"
checkpoint = sys.argv[2] if len(sys.argv) > 2 else "examples/models/default.ckpt"
steps = int(sys.argv[3]) if len(sys.argv) > 3 else 1000

if "TN4J_PLUGIN_DIR" in os.environ:  # the build tree's kernels; an installed plugin is loaded by OpenMM itself
    openmm.Platform.loadPluginsFromDirectory(os.environ["TN4J_PLUGIN_DIR"])

pdb = app.PDBFile(pdb_path)
system = openmm.System()
for atom in pdb.topology.atoms():
    system.addParticle(atom.element.mass)
force = openmmtensornet4j.TensorNetForce(checkpoint, [atom.element.atomic_number for atom in pdb.topology.atoms()])
force.setEnergyUnit("eV")  # the unit the default model was trained in
system.addForce(force)

integrator = openmm.LangevinMiddleIntegrator(300 * unit.kelvin, 1 / unit.picosecond, 0.5 * unit.femtoseconds)
simulation = app.Simulation(pdb.topology, system, integrator, openmm.Platform.getPlatformByName("CPU"))
simulation.context.setPositions(pdb.positions)
simulation.context.setVelocitiesToTemperature(300 * unit.kelvin, 2024)
simulation.reporters.append(app.StateDataReporter(sys.stdout, 100, step=True, potentialEnergy=True, kineticEnergy=True,
                                                  temperature=True, speed=True))
simulation.step(steps)

"""Alanine dipeptide in a periodic box of TIP3P water with Amber14 and PME, as OpenMM's Python app makes it:
writes the solvated structure (PDB with CRYST1) and the classical System (XML) that MlmmSolvated.java puts the
solute on the ML potential in.

    /usr/bin/python3 examples/scripting/solvate.py OUT.pdb OUT.xml
"""
import sys

import openmm
import openmm.app as app
import openmm.unit as unit

pdb = app.PDBFile("examples/molecules/alanine_dipeptide.pdb")
forcefield = app.ForceField("amber14-all.xml", "amber14/tip3p.xml")
modeller = app.Modeller(pdb.topology, pdb.positions)
modeller.addSolvent(forcefield, padding=0.8 * unit.nanometer)
system = forcefield.createSystem(modeller.topology, nonbondedMethod=app.PME, nonbondedCutoff=0.9 * unit.nanometer,
                                 constraints=None, rigidWater=True)
with open(sys.argv[1], "w") as out:
    app.PDBFile.writeFile(modeller.topology, modeller.positions, out)
with open(sys.argv[2], "w") as out:
    out.write(openmm.XmlSerializer.serialize(system))

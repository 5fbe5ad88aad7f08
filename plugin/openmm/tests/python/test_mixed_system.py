"""ML/MM mixed systems (openmmtensornet4j.createMixedSystem, C++ MechanicalEmbedding.h) on solvated alanine
dipeptide built here with OpenMM's app layer (Amber14, TIP3P, PME) and in vacuum.

openmm-ml itself cannot be installed here (no PyPI, and it needs OpenMM 8 and PyTorch), so these tests check
what its mechanical embedding (openmm/openmm-ml 772aa702, embeddings/mechanicalembedding.py and utilities.py)
defines, each side computed independently of the function under test: the energy of the mixed system equals
the classical energy of the whole, minus the classical energy of the ML region's internal terms (a System
holding only those terms, written out below from OpenMM's definitions of PME, exceptions and bonded terms),
plus the ML energy of the region (a System holding only a TensorNetForce on the region's atoms).
"""
import json
import math
import pathlib

import openmm
import openmm.app as app
import openmm.unit as unit
import pytest

import openmmtensornet4j as tn

ROOT = pathlib.Path(__file__).resolve().parents[4]
PDB = ROOT / "examples" / "molecules" / "alanine_dipeptide.pdb"
MODEL = str(ROOT / "examples" / "models" / "default.ckpt")
ONE_4PI_EPS0 = 138.935456  # kJ/mol nm/e^2, OpenMM's Coulomb constant
BOX_NM = 2.1  # more than twice the PME cutoff and the model's cutoff
TOLERANCE = 2e-5  # kJ/mol: double-precision Reference platform, sums of ~1e5 kJ/mol in different orders


def build(periodic):
    pdb = app.PDBFile(str(PDB))
    forcefield = app.ForceField("amber14-all.xml", "amber14/tip3p.xml")
    modeller = app.Modeller(pdb.topology, pdb.positions)
    if periodic:
        modeller.addSolvent(forcefield, boxSize=openmm.Vec3(BOX_NM, BOX_NM, BOX_NM) * unit.nanometer)
        system = forcefield.createSystem(modeller.topology, nonbondedMethod=app.PME,
                                         nonbondedCutoff=0.9 * unit.nanometer, constraints=app.HBonds)
    else:
        system = forcefield.createSystem(modeller.topology, nonbondedMethod=app.NoCutoff, constraints=app.HBonds)
    # The ML region: the dipeptide in water; in vacuum its middle residue, so that ML-MM terms are tested there too.
    ml = tn.selectAtoms(modeller.topology, residueNames=["ACE", "ALA", "NME"] if periodic else "ALA")
    return modeller.topology, modeller.positions, system, ml


@pytest.fixture(scope="module")
def solvated():
    return build(periodic=True)


@pytest.fixture(scope="module")
def vacuum():
    return build(periodic=False)


def energy(system, positions, parameters=None, platform="Reference"):
    context = openmm.Context(system, openmm.VerletIntegrator(0.001), openmm.Platform.getPlatformByName(platform))
    context.setPositions(positions)
    for name, value in (parameters or {}).items():
        context.setParameter(name, value)
    return context.getState(getEnergy=True).getPotentialEnergy().value_in_unit(unit.kilojoule_per_mole), context


def nanometres(positions):
    return [p.value_in_unit(unit.nanometer) if unit.is_quantity(p) else p for p in positions]


def distance(a, b, box):
    d = [a[k] - b[k] for k in range(3)]
    if box is not None:
        d = [x - box * round(x / box) for x in d]
    return math.sqrt(sum(x * x for x in d))


def ml_internal_classical_energy(system, positions, ml, alpha=None):
    """The classical energy of the ML region's internal terms, from OpenMM's definitions: the bonded terms
    with all atoms in the region, and for each ML pair what its NonbondedForce contributes beyond the
    reciprocal sum (an exception: its own Coulomb and Lennard-Jones; else the direct-space erfc Coulomb and
    Lennard-Jones within the cutoff plus the erf part that an exclusion subtracts from the reciprocal sum)."""
    region = set(ml)
    pos = nanometres(positions)
    box = system.getDefaultPeriodicBoxVectors()[0][0].value_in_unit(unit.nanometer) if system.usesPeriodicBoundaryConditions() else None
    only = openmm.System()
    for i in range(system.getNumParticles()):
        only.addParticle(system.getParticleMass(i))
    only.setDefaultPeriodicBoxVectors(*system.getDefaultPeriodicBoxVectors())
    total = 0.0
    for force in system.getForces():
        if isinstance(force, openmm.HarmonicBondForce):
            copy = openmm.HarmonicBondForce()
            for i in range(force.getNumBonds()):
                a, b, r0, k = force.getBondParameters(i)
                if {a, b} <= region:
                    copy.addBond(a, b, r0, k)
            only.addForce(copy)
        elif isinstance(force, openmm.HarmonicAngleForce):
            copy = openmm.HarmonicAngleForce()
            for i in range(force.getNumAngles()):
                a, b, c, theta0, k = force.getAngleParameters(i)
                if {a, b, c} <= region:
                    copy.addAngle(a, b, c, theta0, k)
            only.addForce(copy)
        elif isinstance(force, openmm.PeriodicTorsionForce):
            copy = openmm.PeriodicTorsionForce()
            for i in range(force.getNumTorsions()):
                a, b, c, d, n, phase, k = force.getTorsionParameters(i)
                if {a, b, c, d} <= region:
                    copy.addTorsion(a, b, c, d, n, phase, k)
            only.addForce(copy)
        elif isinstance(force, openmm.NonbondedForce):
            exceptions = {}
            for i in range(force.getNumExceptions()):
                a, b, qq, sigma, eps = force.getExceptionParameters(i)
                exceptions[frozenset((a, b))] = (qq.value_in_unit(unit.elementary_charge ** 2),
                                                 sigma.value_in_unit(unit.nanometer), eps.value_in_unit(unit.kilojoule_per_mole))
            cutoff = force.getCutoffDistance().value_in_unit(unit.nanometer)
            for x, a in enumerate(ml):
                for b in ml[:x]:
                    r = distance(pos[a], pos[b], box)
                    if frozenset((a, b)) in exceptions:
                        qq, sigma, eps = exceptions[frozenset((a, b))]
                        within = True
                        coulomb = ONE_4PI_EPS0 * qq / r
                    else:
                        qa, sa, ea = [v._value for v in force.getParticleParameters(a)]
                        qb, sb, eb = [v._value for v in force.getParticleParameters(b)]
                        qq, sigma, eps = qa * qb, 0.5 * (sa + sb), math.sqrt(ea * eb)
                        within = alpha is None or r < cutoff
                        if alpha is None:
                            coulomb = ONE_4PI_EPS0 * qq / r
                        else:
                            coulomb = ONE_4PI_EPS0 * qq * ((math.erfc(alpha * r) if within else 0.0) + math.erf(alpha * r)) / r
                    lj = 4 * eps * ((sigma / r) ** 12 - (sigma / r) ** 6) if within else 0.0
                    total += coulomb + lj
    bonded, _ = energy(only, positions)
    return bonded + total


def ml_energy(topology, positions, ml, periodic_box=None, precision=None):
    """The ML energy of the region alone: a System holding only a TensorNetForce on its atoms."""
    atoms = list(topology.atoms())
    force = tn.TensorNetForce(MODEL, [atoms[i].element.atomic_number for i in ml])
    force.setEnergyUnit("eV")
    if precision:
        force.setHyperParameter("precision", precision)
    only = openmm.System()
    for i in ml:
        only.addParticle(atoms[i].element.mass)
    if periodic_box is not None:
        only.setDefaultPeriodicBoxVectors(*periodic_box)
        force.setUsesPeriodicBoundaryConditions(True)
    only.addForce(force)
    return energy(only, [positions[i] for i in ml])[0]


def pme_alpha(context):
    for force in context.getSystem().getForces():
        if isinstance(force, openmm.NonbondedForce):
            return force.getPMEParametersInContext(context)[0]


@pytest.mark.parametrize("case", ["solvated", "vacuum"])
def test_energy_is_classical_minus_region_plus_ml(case, request):
    topology, positions, system, ml = request.getfixturevalue(case)
    periodic = case == "solvated"
    mixed = tn.createMixedSystem(topology, system, ml, MODEL)
    mixed_energy, _ = energy(mixed, positions)
    classical, context = energy(system, positions)
    alpha = pme_alpha(context) if periodic else None
    internal = ml_internal_classical_energy(system, positions, ml, alpha)
    box = system.getDefaultPeriodicBoxVectors() if periodic else None
    ml_part = ml_energy(topology, positions, ml, box)
    expected = classical - internal + ml_part
    print(f"{case}: mixed {mixed_energy:.6f} = classical {classical:.6f} - region {internal:.6f} + ML {ml_part:.6f}"
          f" (difference {mixed_energy - expected:.2e} kJ/mol)")
    assert abs(mixed_energy - expected) < TOLERANCE
    assert abs(internal) > 1.0 and abs(ml_part) > 1.0  # both parts matter: a wrong sign or a missing term would show


def test_system_is_copied_and_ml_force_applies_to_the_region(solvated):
    topology, positions, system, ml = solvated
    before = openmm.XmlSerializer.serialize(system)
    mixed = tn.createMixedSystem(topology, system, ml, MODEL, charge=0)
    assert openmm.XmlSerializer.serialize(system) == before
    forces = [f for f in mixed.getForces() if tn.TensorNetForce.isinstance(f)]
    assert len(forces) == 1
    force = tn.TensorNetForce.cast(forces[0])
    assert list(force.getParticles()) == ml and force.usesPeriodicBoundaryConditions() and force.getEnergyUnit() == "eV"
    # default.ckpt is a TensorNet without a Coulomb head: TorchMD-Net ignores coulomb_cutoff for it, so none is set.
    assert force.getHyperParameters() == "{}"
    # HBonds constraints inside the region are removed (openmm-ml's removeConstraints=True); the water's stay.
    region = set(ml)
    kept = [mixed.getConstraintParameters(i)[:2] for i in range(mixed.getNumConstraints())]
    assert not any(a in region and b in region for a, b in kept)
    assert mixed.getNumConstraints() == system.getNumConstraints() - sum(
        1 for i in range(system.getNumConstraints()) if set(system.getConstraintParameters(i)[:2]) <= region)


def test_python_route_equals_the_force_route(solvated):
    """createMixedSystem(topology, ...) builds the same System (XML) as the C++ function with a force configured
    by hand: the route the Java side takes."""
    topology, positions, system, ml = solvated
    force = tn.TensorNetForce(MODEL, [a.element.atomic_number for a in topology.atoms() if a.index in set(ml)])
    force.setEnergyUnit("eV")
    by_hand = tn.createMixedSystemWithForce(system, ml, force)
    assert openmm.XmlSerializer.serialize(by_hand) == openmm.XmlSerializer.serialize(tn.createMixedSystem(topology, system, ml, MODEL))


def test_forces_match_finite_differences(solvated):
    topology, positions, system, ml = solvated
    mixed = tn.createMixedSystem(topology, system, ml, MODEL, hyperParameters={"precision": 64})
    _, context = energy(mixed, positions)
    forces = context.getState(getForces=True).getForces(asNumpy=False).value_in_unit(unit.kilojoule_per_mole / unit.nanometer)
    pos = nanometres(positions)
    h = 1e-4
    for atom in (ml[0], ml[9], len(ml) + 4):  # two ML atoms, an MM water atom
        for k in range(3):
            energies = []
            for sign in (1, -1):
                moved = [openmm.Vec3(*p) for p in pos]
                shifted = list(moved[atom])
                shifted[k] += sign * h
                moved[atom] = openmm.Vec3(*shifted)
                context.setPositions(moved)
                energies.append(context.getState(getEnergy=True).getPotentialEnergy().value_in_unit(unit.kilojoule_per_mole))
            numeric = -(energies[0] - energies[1]) / (2 * h)
            assert abs(numeric - forces[atom][k]) < 1e-3 * max(10.0, abs(forces[atom][k])), (atom, k, numeric, forces[atom][k])


@pytest.mark.parametrize("case", ["solvated", "vacuum"])
def test_interpolate_goes_from_classical_to_mixed(case, request):
    topology, positions, system, ml = request.getfixturevalue(case)
    mixed_energy, _ = energy(tn.createMixedSystem(topology, system, ml, MODEL), positions)
    classical, _ = energy(system, positions)
    interpolating = tn.createMixedSystem(topology, system, ml, MODEL, interpolate=True)
    at_one, context = energy(interpolating, positions)
    assert context.getParameter("lambda_interpolate") == 1.0
    at_zero, _ = energy(interpolating, positions, {"lambda_interpolate": 0.0})
    halfway, _ = energy(interpolating, positions, {"lambda_interpolate": 0.5})
    print(f"{case}: lambda 0 {at_zero:.6f} (classical {classical:.6f}), 1 {at_one:.6f} (mixed {mixed_energy:.6f})")
    assert abs(at_zero - classical) < TOLERANCE
    assert abs(at_one - mixed_energy) < TOLERANCE
    assert abs(halfway - 0.5 * (classical + mixed_energy)) < TOLERANCE


def test_bad_selections_are_refused(vacuum):
    topology, positions, system, ml = vacuum
    n = system.getNumParticles()
    with pytest.raises(openmm.OpenMMException, match=f"ML atom index {n} is out of range: the System has {n} particles"):
        tn.createMixedSystem(topology, system, ml + [n], MODEL)
    with pytest.raises(openmm.OpenMMException, match="ML atom index -1 is out of range"):
        tn.createMixedSystem(topology, system, [-1], MODEL)
    with pytest.raises(openmm.OpenMMException, match="ML atom index 3 is selected more than once"):
        tn.createMixedSystem(topology, system, [3, 4, 3], MODEL)
    with pytest.raises(openmm.OpenMMException, match="the ML atom selection is empty"):
        tn.createMixedSystem(topology, system, [], MODEL)
    with pytest.raises(ValueError, match="no atom matches.*residues are \\['ACE', 'ALA', 'NME'\\]"):
        tn.selectAtoms(topology, residueNames="LIG")
    smaller = openmm.System()
    for i in range(n - 1):
        smaller.addParticle(1.0)
    with pytest.raises(openmm.OpenMMException, match=f"the Topology has {n} atoms but the System {n - 1} particles"):
        tn.createMixedSystem(topology, smaller, ml, MODEL)
    force = tn.TensorNetForce(MODEL, [6, 1])
    force.setEnergyUnit("eV")
    with pytest.raises(openmm.OpenMMException, match="has 2 atomic numbers but 3 ML atoms are selected"):
        tn.createMixedSystemWithForce(system, [0, 1, 2], force)
    force.setParticles([5, 6])
    with pytest.raises(openmm.OpenMMException, match="already applies to other particles"):
        tn.createMixedSystemWithForce(system, [0, 1], force)


def test_functions_have_docstrings():
    for function in (tn.createMixedSystem, tn.createMixedSystemWithForce, tn.selectAtoms):
        assert "ML" in (function.__doc__ or "") or "atoms" in (function.__doc__ or ""), function.__name__
    assert "mechanical embedding" in tn.createMixedSystemWithForce.__doc__


def test_selection_by_residue_and_chain(solvated):
    topology, _, _, ml = solvated
    assert ml == list(range(22))  # the dipeptide comes first, then the water
    assert tn.selectAtoms(topology, chains=0) == ml  # Modeller puts the water in a chain of its own
    assert tn.selectAtoms(topology, residueNames="ALA") == [a.index for a in topology.atoms() if a.residue.name == "ALA"]
    assert tn.selectAtoms(topology, residueNames="HOH", indices=[22, 23, 0]) == [22, 23]


def test_other_bonded_and_custom_nonbonded_forces():
    """The force types openmm-ml handles besides Amber's: Custom bonded terms and CMAP inside the region are
    removed (a term with an MM atom stays), CustomNonbondedForce gets exclusions for the ML pairs (not
    duplicated), ML-ML constraints go. A CustomCentroidBondForce bond (on which openmm-ml fails) stays."""
    system = openmm.System()
    for _ in range(6):
        system.addParticle(12.0)
    bond = openmm.CustomBondForce("k*r^2")
    bond.addPerBondParameter("k")
    bond.addBond(0, 1, [1.0])
    bond.addBond(1, 4, [1.0])
    cmap = openmm.CMAPTorsionForce()
    cmap.addMap(2, [0.0] * 4)
    cmap.addTorsion(0, 0, 1, 2, 3, 0, 1, 2, 3)
    cmap.addTorsion(0, 1, 2, 3, 4, 1, 2, 3, 4)
    custom = openmm.CustomNonbondedForce("r")
    for _ in range(6):
        custom.addParticle([])
    custom.addExclusion(1, 0)
    centroid = openmm.CustomCentroidBondForce(2, "distance(g1,g2)")  # groups, not atoms: always kept
    centroid.addGroup([0, 1])
    centroid.addGroup([2, 3])
    centroid.addBond([0, 1], [])
    for force in (bond, cmap, custom, centroid):
        system.addForce(force)
    system.addConstraint(0, 2, 0.1)
    system.addConstraint(2, 5, 0.1)
    force = tn.TensorNetForce(MODEL, [6, 6, 6, 6])
    mixed = tn.createMixedSystemWithForce(system, [0, 1, 2, 3], force)
    bonds = openmm.CustomBondForce.cast(mixed.getForce(0)) if hasattr(openmm.CustomBondForce, "cast") else mixed.getForce(0)
    assert bonds.getNumBonds() == 1 and bonds.getBondParameters(0)[:2] == [1, 4]
    assert mixed.getForce(1).getNumTorsions() == 1
    exclusions = {frozenset(mixed.getForce(2).getExclusionParticles(i)) for i in range(mixed.getForce(2).getNumExclusions())}
    assert mixed.getForce(2).getNumExclusions() == 6 and exclusions == {frozenset((a, b)) for a in range(4) for b in range(a)}
    assert mixed.getForce(3).getNumBonds() == 1
    assert mixed.getNumConstraints() == 1 and mixed.getConstraintParameters(0)[:2] == [2, 5]
    with pytest.raises(openmm.OpenMMException, match="interpolate is unsupported when a CustomNonbondedForce is present"):
        tn.createMixedSystemWithForce(system, [0, 1, 2, 3], force, True)


def test_torchmd_net_options_as_openmm_ml_passes_them(solvated, vacuum):
    """openmm-ml's TorchMD-Net options: coulomb_cutoff 1.2 nm (12 A) for a periodic system and None in vacuum,
    for a model with TensorNet2's Coulomb term (here the fixture tn2-bench, random weights); the charge;
    remove_ref_energy=False passed on; a model without the Coulomb term gets no coulomb_cutoff."""
    tn2 = str(ROOT / "tests" / "fixtures" / "tensornet" / "tn2-bench.ckpt")
    topology, positions, system, ml = solvated
    mixed = tn.createMixedSystem(topology, system, ml, tn2, charge=1)
    force = tn.TensorNetForce.cast([f for f in mixed.getForces() if tn.TensorNetForce.isinstance(f)][0])
    assert json.loads(force.getHyperParameters()) == {"coulomb_cutoff": 12.0} and force.getCharge() == 1.0
    # The test box (2.1 nm) is too small for a 1.2 nm Coulomb cutoff (the box must be twice the cutoff):
    shorter = tn.createMixedSystem(topology, system, ml, tn2, coulomb_cutoff=0.95 * unit.nanometer)
    force = tn.TensorNetForce.cast([f for f in shorter.getForces() if tn.TensorNetForce.isinstance(f)][0])
    assert json.loads(force.getHyperParameters()) == {"coulomb_cutoff": 9.5}
    assert math.isfinite(energy(shorter, positions)[0])
    topology, positions, system, ml = vacuum
    mixed = tn.createMixedSystem(topology, system, ml, tn2, remove_ref_energy=False, useCoulombCutoff=False)
    force = tn.TensorNetForce.cast([f for f in mixed.getForces() if tn.TensorNetForce.isinstance(f)][0])
    assert json.loads(force.getHyperParameters()) == {"coulomb_cutoff": None, "remove_ref_energy": False}

"""The OpenMM plugin through OpenMM's Python API and the openmmtensornet4j module."""
import json
import math
import pathlib

import openmm
import pytest

import openmmtensornet4j as tn
from conftest import KJ_PER_EV, KJ_PER_KCAL, context_for, energy_and_forces, platforms, system_with


def tensornet_force(fixture, energy_unit="eV"):
    force = tn.TensorNetForce(fixture.checkpoint, fixture.z)
    force.setEnergyUnit(energy_unit)
    force.setUsesPeriodicBoundaryConditions(fixture.box is not None)
    return force


@pytest.mark.parametrize("platform", platforms())
@pytest.mark.parametrize("model,molecule", [("tn-small", "caffeine"), ("tn-small", "alanine_dipeptide"), ("tn-f64", "caffeine")])
def test_energy_and_forces_match_torchmd_net(fixture_for, platform, model, molecule):
    fixture = fixture_for(model, molecule)
    unit, kilojoules = ("kcal/mol", KJ_PER_KCAL) if fixture.float64 else ("eV", KJ_PER_EV)
    context = context_for(system_with(fixture, tensornet_force(fixture, unit)), platform, fixture.positions, fixture.float64)
    energy, forces = energy_and_forces(context)
    tolerance = 1e-9 if fixture.float64 else 1e-5
    assert abs(energy / kilojoules - fixture.energy) <= tolerance * max(1.0, abs(fixture.energy))
    max_force = max(abs(c) for f in fixture.forces for c in f)
    deviation = max(abs(f[k] * 0.1 / kilojoules - r[k]) for f, r in zip(forces, fixture.forces) for k in range(3))
    assert deviation <= (1e-9 if fixture.float64 else 1e-4) * max(1.0, max_force)


def test_periodic_system_matches_torchmd_net(fixture_for):
    fixture = fixture_for("tn-small", "alanine_dipeptide_explicit_pbc")
    force = tensornet_force(fixture)
    assert force.usesPeriodicBoundaryConditions()
    energy, _ = energy_and_forces(context_for(system_with(fixture, force), "CPU", fixture.positions))
    assert abs(energy / KJ_PER_EV - fixture.energy) <= 1e-5 * abs(fixture.energy)


def test_public_methods_have_docstrings():
    """help(TensorNetForce) explains every public method, not only SWIG's signature (plugin/openmm/python/docstrings.i)."""
    assert "OpenMM Force" in (tn.TensorNetForce.__doc__ or "")
    undocumented = []
    for name in dir(tn.TensorNetForce):
        if name.startswith("_") or name in dir(openmm.Force):
            continue
        doc = getattr(tn.TensorNetForce, name).__doc__ or ""
        prose = [line for line in doc.splitlines() if line.strip() and not line.strip().startswith(name + "(")
                 and not line.strip().startswith("TensorNetForce(self")]
        if not prose:
            undocumented.append(name)
    assert not undocumented, f"no docstring beyond the signature: {undocumented}"


def test_cast_from_base_force(fixture_for):
    fixture = fixture_for("tn-small", "caffeine")
    force = tensornet_force(fixture)
    force.setCharge(1.0)
    system = system_with(fixture, force)
    base = system.getForce(0)
    assert type(base) is openmm.Force  # System.getForce returns the base class
    assert tn.TensorNetForce.isinstance(base)
    cast = tn.TensorNetForce.cast(base)
    assert cast.getCheckpoint() == fixture.checkpoint
    assert list(cast.getAtomicNumbers()) == fixture.z
    assert cast.getCharge() == 1.0 and cast.getEnergyUnit() == "eV"
    other = openmm.HarmonicBondForce()
    assert not tn.TensorNetForce.isinstance(other)
    with pytest.raises(openmm.OpenMMException, match="not a TensorNetForce"):
        tn.TensorNetForce.cast(other)


def test_xml_round_trip_keeps_settings_and_energy(fixture_for):
    fixture = fixture_for("tn-small", "alanine_dipeptide")
    force = tensornet_force(fixture, "kcal/mol")
    force.setParticles(list(range(len(fixture.z))))
    force.setCharge(-1.0)
    force.setLengthUnit("angstrom")
    force.addGlobalParameter("lambda", 0.5)
    xml = openmm.XmlSerializer.serialize(force)
    copy = tn.TensorNetForce.cast(openmm.XmlSerializer.deserialize(xml))
    for getter in ("getClassName", "getConfig", "getCheckpoint", "getAtomicNumbers", "getParticles", "getCharge",
                   "getLengthScale", "getEnergyUnit", "usesPeriodicBoundaryConditions", "getNumGlobalParameters"):
        assert getattr(copy, getter)() == getattr(force, getter)(), getter
    assert copy.getGlobalParameterName(0) == "lambda" and copy.getGlobalParameterDefaultValue(0) == 0.5

    system = system_with(fixture, force)
    reloaded = openmm.XmlSerializer.deserialize(openmm.XmlSerializer.serialize(system))
    before, _ = energy_and_forces(context_for(system, "Reference", fixture.positions))
    after, _ = energy_and_forces(context_for(reloaded, "Reference", fixture.positions))
    assert before == after != 0


def test_hyper_parameter_override_precision_64_gives_the_float64_reference(fixture_for):
    # tn-f64 holds tn-small's float32 weights cast to float64: TorchMD-Net's load_model(tn-small,
    # precision=64) is tn-f64, and so is the override.
    f64 = fixture_for("tn-f64", "caffeine")
    small = fixture_for("tn-small", "caffeine")
    force = tensornet_force(small, "kcal/mol")
    force.setHyperParameter("precision", 64)  # any JSON value; "64" is the same
    assert force.getHyperParameters() == '{"precision":64}'
    # Through XML, so that the setting is shown to survive serialization.
    system = openmm.XmlSerializer.deserialize(openmm.XmlSerializer.serialize(system_with(small, force)))
    assert tn.TensorNetForce.cast(system.getForce(0)).getHyperParameters() == '{"precision":64}'
    energy, _ = energy_and_forces(context_for(system, "Reference", small.positions, True))
    assert abs(energy / KJ_PER_KCAL - f64.energy) <= 1e-9 * max(1.0, abs(f64.energy))
    plain, _ = energy_and_forces(context_for(system_with(small, tensornet_force(small, "kcal/mol")), "Reference", small.positions))
    assert abs(plain / KJ_PER_KCAL - f64.energy) > 1e-9 * max(1.0, abs(f64.energy))  # float32 without it


def test_unknown_hyper_parameter_lists_the_known_ones(fixture_for):
    fixture = fixture_for("tn-small", "caffeine")
    force = tensornet_force(fixture)
    force.setHyperParameter("coulomb_cutof", "10")
    with pytest.raises(openmm.OpenMMException, match="unknown hyper-parameter 'coulomb_cutof'.*max_num_neighbors"):
        context_for(system_with(fixture, force), "Reference", fixture.positions)


def test_subset_leaves_other_particles_untouched(fixture_for):
    fixture = fixture_for("tn-small", "caffeine")
    n = len(fixture.z)
    force = tensornet_force(fixture)
    force.setParticles([i + 2 for i in range(n)])  # two MM particles first
    system = openmm.System()
    for _ in range(n + 2):
        system.addParticle(12.0)
    system.addForce(force)
    positions = [openmm.Vec3(3, 0, 0), openmm.Vec3(-3, 1, 0)] + fixture.positions
    energy, forces = energy_and_forces(context_for(system, "CPU", positions))
    assert abs(energy / KJ_PER_EV - fixture.energy) <= 1e-5 * max(1.0, abs(fixture.energy))
    assert forces[0] == (0.0, 0.0, 0.0) and forces[1] == (0.0, 0.0, 0.0)


def test_settings_errors_raise_openmm_exception_at_context_creation(fixture_for):
    fixture = fixture_for("tn-small", "caffeine")
    missing = tn.TensorNetForce("/nonexistent/model.ckpt", fixture.z)
    missing.setEnergyUnit("eV")
    with pytest.raises(openmm.OpenMMException, match="/nonexistent/model.ckpt"):
        context_for(system_with(fixture, missing), "Reference", fixture.positions)
    no_unit = tn.TensorNetForce(fixture.checkpoint, fixture.z)  # tn-small records no energy_unit
    with pytest.raises(openmm.OpenMMException, match="energy unit is not set and the checkpoint records none.*setEnergyUnit"):
        context_for(system_with(fixture, no_unit), "Reference", fixture.positions)
    with pytest.raises(openmm.OpenMMException, match="length unit"):
        no_unit.setLengthUnit("furlong")


def test_the_unit_the_checkpoint_records_is_used_unless_set(fixture_for):
    """The shipped default.ckpt records energy_unit eV: unset, the force uses it; set, the setting wins."""
    fixture = fixture_for("tn-small", "caffeine")  # its structure; the model is the shipped one
    model = str(pathlib.Path(__file__).resolve().parents[4] / "examples/models/default.ckpt")
    energies = {}
    for unit in ("", "eV", "kcal/mol"):
        force = tn.TensorNetForce(model, fixture.z)
        if unit:
            force.setEnergyUnit(unit)
        energies[unit] = energy_and_forces(context_for(system_with(fixture, force), "Reference", fixture.positions))[0]
    assert energies[""] == energies["eV"]
    assert abs(energies["kcal/mol"] * KJ_PER_EV / KJ_PER_KCAL - energies["eV"]) <= 1e-9 * abs(energies["eV"])


@pytest.mark.parametrize("platform", platforms())
def test_failing_java_step_raises_and_context_stays_usable(fixture_for, platform):
    fixture = fixture_for("tn-small", "caffeine")
    context = context_for(system_with(fixture, tensornet_force(fixture)), platform, fixture.positions)
    coincident = list(fixture.positions)
    coincident[5] = coincident[2]
    context.setPositions(coincident)
    with pytest.raises(openmm.OpenMMException, match="coincide"):
        context.getState(getEnergy=True)
    context.setPositions(fixture.positions)
    energy, _ = energy_and_forces(context)
    assert abs(energy / KJ_PER_EV - fixture.energy) <= 1e-5 * max(1.0, abs(fixture.energy))


def test_general_form_with_global_parameter():
    """Any Java Potential class + JSON config; the test potential's energy is k/2 sum |r|^2 + charge (A, kJ/mol)."""
    force = tn.TensorNetForce("org.tensornet4j.testing.HarmonicTestPotential", '{"atomic_numbers": [6, 8]}')
    force.setEnergyUnit("kJ/mol")
    force.addGlobalParameter("k", 2.0)
    system = openmm.System()
    system.addParticle(1.0)
    system.addParticle(1.0)
    system.addForce(force)
    positions = [openmm.Vec3(0.1, 0, 0), openmm.Vec3(0, 0.2, 0)]
    context = context_for(system, "Reference", positions)
    sum_squares = 1.0 + 4.0  # A^2
    for k in (2.0, 0.5):
        context.setParameter("k", k)
        energy, forces = energy_and_forces(context)
        assert math.isclose(energy, 0.5 * k * sum_squares, rel_tol=1e-12)
        assert math.isclose(forces[1][1], -k * 2.0 * 10, rel_tol=1e-12)  # -k r per A -> per nm


@pytest.mark.parametrize("mode,message", [("nan_energy", "non-finite energy"), ("nan_force", "non-finite force on atom 1"),
                                          ("short_forces", r"expected forces\[3\]\[3\]")])
def test_misbehaving_java_potential_stops_the_integrator(mode, message):
    """A NaN energy or force, or too few force rows, from any Java potential: an OpenMMException, never a step."""
    name = "org.tensornet4j.testing.MisbehavingTestPotential"
    force = tn.TensorNetForce(name, json.dumps({"atomic_numbers": [8, 1, 1], "misbehave": mode}))
    force.setEnergyUnit("kJ/mol")
    system = openmm.System()
    for _ in range(3):
        system.addParticle(1.0)
    system.addForce(force)
    positions = [openmm.Vec3(0, 0, 0), openmm.Vec3(0.096, 0, 0), openmm.Vec3(-0.024, 0.093, 0)]
    integrator = openmm.VerletIntegrator(0.0005)
    context = openmm.Context(system, integrator, openmm.Platform.getPlatformByName("Reference"))
    context.setPositions(positions)
    with pytest.raises(openmm.OpenMMException, match=name + ".*" + message):
        integrator.step(1)


def test_non_finite_box_is_refused(fixture_for):
    fixture = fixture_for("tn-small", "alanine_dipeptide_explicit_pbc")
    context = context_for(system_with(fixture, tensornet_force(fixture)), "Reference", fixture.positions)
    a, b, c = fixture.box
    context.setPeriodicBoxVectors(a, b, openmm.Vec3(0, 0, math.nan))
    with pytest.raises(openmm.OpenMMException, match="not finite.*setPeriodicBoxVectors"):
        context.getState(getEnergy=True)

"""Shared setup for the Python tests of the OpenMM plugin (run by ctest, see plugin/openmm/tests/CMakeLists.txt).

Environment: PYTHONPATH holds the built module openmmtensornet4j; TN4J_PLUGIN_DIR the kernel plugins;
JAVA_HOME the JDK; TN4J_CLASSPATH_FILE and TN4J_TEST_CLASSES put the Java test potentials on the JVM's
class path (read when the first Context creates the JVM, so it is set here, before any test runs).
"""
import json
import os
import pathlib

import openmm
import pytest

FIXTURES = pathlib.Path(os.environ.get("TN4J_FIXTURES", pathlib.Path(__file__).resolve().parents[4] / "tests" / "fixtures")) / "tensornet"
KJ_PER_EV = 96.48533212331002  # written out so the tests check the plugin's conversion
KJ_PER_KCAL = 4.184


def _add_test_classes():
    classes, file = os.environ.get("TN4J_TEST_CLASSES"), os.environ.get("TN4J_CLASSPATH_FILE")
    if classes and file and "TN4J_CLASSPATH" not in os.environ:
        os.environ["TN4J_CLASSPATH"] = pathlib.Path(file).read_text().strip() + ":" + classes


_add_test_classes()
openmm.Platform.loadPluginsFromDirectory(os.environ["TN4J_PLUGIN_DIR"])


def platforms():
    names = [openmm.Platform.getPlatform(i).getName() for i in range(openmm.Platform.getNumPlatforms())]
    return [name for name in ("Reference", "CPU", "OpenCL") if name in names]


class Fixture:
    """A TorchMD-Net reference result; positions and box in nm, energy and forces in model units (per A)."""

    def __init__(self, model, molecule):
        ref = json.loads((FIXTURES / f"{model}__{molecule}.json").read_text())
        self.model, self.molecule = model, molecule
        self.checkpoint = str(FIXTURES / f"{model}.ckpt")
        self.z = ref["z"]
        self.positions = [openmm.Vec3(*p) * 0.1 for p in ref["pos"]]
        self.box = None if ref["box"] is None else [openmm.Vec3(*b) * 0.1 for b in ref["box"]]
        self.energy = ref["energy"][0]
        self.forces = ref["forces"]
        self.float64 = ref["dtype"] == "float64"


@pytest.fixture(scope="session")
def fixture_for():
    cache = {}

    def load(model, molecule):
        if (model, molecule) not in cache:
            cache[model, molecule] = Fixture(model, molecule)
        return cache[model, molecule]

    return load


def system_with(fixture, force):
    system = openmm.System()
    for _ in fixture.z:
        system.addParticle(12.0)
    if fixture.box is not None:
        system.setDefaultPeriodicBoxVectors(*fixture.box)
    system.addForce(force)
    return system


def context_for(system, platform, positions, double_precision=False):
    properties = {"Precision": "double" if double_precision else "single"} if platform == "OpenCL" else {}
    context = openmm.Context(system, openmm.VerletIntegrator(0.0005), openmm.Platform.getPlatformByName(platform), properties)
    context.setPositions(positions)
    return context


def energy_and_forces(context):
    """Energy in kJ/mol and forces as a list of (x, y, z) in kJ/mol/nm."""
    state = context.getState(getEnergy=True, getForces=True)
    energy = state.getPotentialEnergy().value_in_unit(openmm.unit.kilojoule_per_mole)
    forces = state.getForces().value_in_unit(openmm.unit.kilojoule_per_mole / openmm.unit.nanometer)
    return energy, [(f[0], f[1], f[2]) for f in forces]

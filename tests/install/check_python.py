"""The installed Python module as a user meets it (run by check-install.sh with no variables set).

check_python.py EXAMPLES FIXTURES {openmm|module} [BUILD]: `import openmm, openmmtensornet4j`; the kernels were
loaded by OpenMM from its plugin directory (openmm: a system install) or by the module from the directory it was
installed with (module: a --prefix install); TensorNet on caffeine (tn-small) in a Context on every platform
equals TorchMD-Net's reference; examples/models/default.ckpt on alanine dipeptide gives a finite energy.
The ASE calculator (tensornet4j.ase, where ASE is installed) loads the installed libtensornet4j, not BUILD's,
and gives the caffeine reference too.
"""
import json
import math
import pathlib
import sys

import openmm
import openmm.app
import openmm.unit as u

examples, fixtures, loader = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
build = pathlib.Path(sys.argv[4]).resolve() if len(sys.argv) > 4 else None
KJ_PER_EV = 96.48533212331002
failures = []


def check(ok, what):
    print(("ok: " if ok else "FAILED: ") + what)
    if not ok:
        failures.append(what)


def loaded():
    return openmm.Platform.getPlatformByName("Reference").supportsKernels(["CalcTensorNetForce"])


# A --prefix install next to a system one (OpenMM's plugin directory already holds our kernels, e.g. on a
# machine where `cmake --install` ran with the default prefix): OpenMM loads those first, so who loaded
# the kernels cannot be told apart; everything below still runs on the prefix's module.
system_install = (pathlib.Path(openmm.Platform.getDefaultPluginsDirectory()) / "libTensorNetPluginReference.so").exists()
if loader == "module" and system_install:
    print("note: a system install's kernels are in OpenMM's plugin directory; OpenMM loaded them at import")
else:
    check(loaded() == (loader == "openmm"), f"after `import openmm` the TensorNet kernels are {'' if loaded() else 'not '}"
          f"loaded (expected: {'by OpenMM' if loader == 'openmm' else 'by the module'})")
import openmmtensornet4j as tn  # noqa: E402  (what is loaded before it is the point)

check(loaded(), "after `import openmmtensornet4j` the kernels are loaded")
print("module:", tn.__file__)


def energy(force, positions, platform):
    system = openmm.System()
    for _ in positions:
        system.addParticle(1.0)
    system.addForce(force)
    context = openmm.Context(system, openmm.VerletIntegrator(0.001), openmm.Platform.getPlatformByName(platform))
    context.setPositions(positions)
    return context.getState(getEnergy=True).getPotentialEnergy().value_in_unit(u.kilojoule_per_mole)


reference = json.loads((fixtures / "tensornet" / "tn-small__caffeine.json").read_text())
positions = [openmm.Vec3(*p) * 0.1 for p in reference["pos"]]
expected = reference["energy"][0] * KJ_PER_EV
names = [openmm.Platform.getPlatform(i).getName() for i in range(openmm.Platform.getNumPlatforms())]
for platform in [name for name in ("Reference", "CPU", "OpenCL") if name in names]:
    force = tn.TensorNetForce(str(fixtures / "tensornet" / "tn-small.ckpt"), reference["z"])
    force.setEnergyUnit("eV")
    try:
        e = energy(force, positions, platform)
    except openmm.OpenMMException as error:
        check(False, f"caffeine on {platform}: {error}")
        continue
    check(abs(e - expected) <= 1e-5 * max(1.0, abs(expected)),
          f"caffeine (tn-small) on {platform}: {e:.6f} kJ/mol, TorchMD-Net {expected:.6f}")

pdb = openmm.app.PDBFile(str(examples / "molecules" / "alanine_dipeptide.pdb"))
force = tn.TensorNetForce(str(examples / "models" / "default.ckpt"), [a.element.atomic_number for a in pdb.topology.atoms()])
force.setEnergyUnit("eV")
e = energy(force, pdb.positions, "Reference")
check(math.isfinite(e), f"alanine dipeptide (examples/models/default.ckpt): {e:.6f} kJ/mol")

try:
    import ase.io  # noqa: F401
except ImportError:
    print("note: no ASE for this Python: the ASE calculator is not installed")
else:
    import tensornet4j.capi
    from tensornet4j.ase import TensorNetCalculator

    library = pathlib.Path(tensornet4j.capi.library_path()).resolve()
    print("package:", tensornet4j.capi.__file__, "library:", library)
    check(library.exists() and (build is None or build not in library.parents),
          f"tensornet4j.ase loads the installed libtensornet4j ({library})")
    atoms = ase.Atoms(numbers=reference["z"], positions=reference["pos"])
    atoms.calc = TensorNetCalculator(model=fixtures / "tensornet" / "tn-small.ckpt", energy_unit="eV")
    e = atoms.get_potential_energy()
    check(abs(e - reference["energy"][0]) <= 1e-5 * abs(reference["energy"][0]),
          f"caffeine (tn-small) through ASE: {e:.6f} eV, TorchMD-Net {reference['energy'][0]:.6f}")

print("all passed" if not failures else f"{len(failures)} failed")
sys.exit(1 if failures else 0)

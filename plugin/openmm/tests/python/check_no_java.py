"""No Java runtime anywhere (run under tests/native/with_only_java.sh): creating a Context with a TensorNetForce
raises openmm.OpenMMException listing every place searched and the fix. Usage: check_no_java.py CHECKPOINT FRAGMENT..."""
import sys

import openmm
import openmmtensornet4j as tn

force = tn.TensorNetForce(sys.argv[1], [8, 1, 1])
force.setEnergyUnit("eV")
system = openmm.System()
for _ in range(3):
    system.addParticle(1.0)
system.addForce(force)
try:
    openmm.Context(system, openmm.VerletIntegrator(0.001), openmm.Platform.getPlatformByName("Reference"))
    print("FAILED: a Context was created without any Java runtime")
    sys.exit(1)
except openmm.OpenMMException as error:
    missing = [fragment for fragment in sys.argv[2:] if fragment not in str(error)]
    print(("FAILED: the message lacks " + repr(missing) if missing else "ok") + ": " + str(error))
    sys.exit(1 if missing else 0)

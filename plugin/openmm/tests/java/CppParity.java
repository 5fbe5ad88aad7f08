// The Java-driven OpenMM and the C++ example (examples/openmm/alanine_dipeptide.cpp) give the same energies
// for the same state, and cost the same per step. Run by ctest (openmm_java_cpp_parity) as
//   ./tn4j run plugin/openmm/tests/java/CppParity.java EXAMPLE_BINARY STEPS
// from the repository root. Both build alanine dipeptide on examples/models/default.ckpt (eV) with the
// example's masses, LangevinMiddle 300 K, 1/ps, 0.5 fs, CPU platform, velocities from seed 2024: the energies
// at step 0 (positions from the PDB, velocities from the seed) must agree to the printed 6 decimals. The
// example seeds its thermostat at random, so later steps differ and only the speed is compared after it.
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensornet4j.openmm.OpenMM;
import org.tensornet4j.openmm.Structure;
import org.tensornet4j.openmm.mapping.*;

public class CppParity {
    public static void main(String[] args) throws Exception {
        String binary = args[0];
        int steps = Integer.parseInt(args[1]);
        String pdb = "examples/molecules/alanine_dipeptide.pdb", ckpt = "examples/models/default.ckpt";

        ProcessBuilder cpp = new ProcessBuilder(binary, pdb, ckpt, String.valueOf(steps)).redirectErrorStream(true);
        cpp.environment().put("TN4J_PLUGIN_DIR", "build/lib/plugins");
        Process process = cpp.start();
        List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
        if (process.waitFor() != 0) throw new IllegalStateException("the C++ example failed:\n" + String.join("\n", lines));
        String[] first = lines.get(1).trim().split("\\s+");
        double cppPotential = Double.parseDouble(first[1]), cppKinetic = Double.parseDouble(first[2]);
        String cppSpeed = lines.get(lines.size() - 1);

        Map<Integer, Double> masses = Map.of(1, 1.008, 6, 12.011, 7, 14.007, 8, 15.999);  // the example's
        Structure structure = Structure.read(Path.of(pdb));
        OpenMM.loadPlugins();
        try (OpenMMSystem system = new OpenMMSystem();
             LangevinMiddleIntegrator integrator = new LangevinMiddleIntegrator(300, 1, 0.0005)) {
            for (int z : structure.atomicNumbers()) system.addParticle(masses.get(z));
            TensorNetForce force = new TensorNetForce(ckpt, OpenMM.intVector(structure.atomicNumbers()));
            force.setEnergyUnit("eV");
            OpenMM.addForce(system, force);
            try (Context context = new Context(system, integrator, OpenMM.platform("CPU"))) {
                OpenMM.setPositions(context, structure.positions());
                context.setVelocitiesToTemperature(300, 2024);
                double potential, kinetic;
                try (State state = context.getState(State.Energy)) {
                    potential = state.getPotentialEnergy();
                    kinetic = state.getKineticEnergy();
                }
                long start = System.nanoTime();
                for (int done = 0; done < steps; done += 100) {
                    integrator.step(Math.min(100, steps - done));
                    context.getState(State.Energy).close();  // as the example reports every 100 steps
                }
                double msPerStep = (System.nanoTime() - start) / 1e6 / steps;
                System.out.printf("step 0: C++ %.6f %.6f, Java %.6f %.6f (potential, kinetic kJ/mol)%n", cppPotential,
                        cppKinetic, potential, kinetic);
                System.out.printf("C++: %s%nJava: %d steps in %.2f ms/step%n", cppSpeed, steps, msPerStep);
                if (Math.abs(potential - cppPotential) > 2e-6 || Math.abs(kinetic - cppKinetic) > 2e-6) {
                    System.out.println("FAIL: the energies differ");
                    System.exit(1);
                }
            }
        }
    }
}

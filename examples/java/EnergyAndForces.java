import java.nio.file.Path;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.PotentialOutput;
import org.tensornet4j.TensorNetPotential;

/**
 * Java scripting with tensornet4j: load a TorchMD-Net checkpoint, compute energy and forces of a water
 * molecule, then nudge the hydrogens along their forces a few times (steepest descent).
 *
 * Run from the repository root after a build (./tn4j --version builds it):
 *   java -cp "java/core/target/classes:$(cat java/cli/target/classpath.txt)" examples/java/EnergyAndForces.java
 * or as a Maven project with one dependency on org.tensornet4j:tensornet4j-core (see tests/consumer-maven):
 *   tests/consumer-maven/run
 */
public class EnergyAndForces {
    public static void main(String[] args) {
        Path checkpoint = Path.of(args.length > 0 ? args[0] : "examples/models/default.ckpt");
        long[] z = {8, 1, 1};
        double[][] pos = {{0.0, 0.0, 0.0}, {0.96, 0.0, 0.0}, {-0.24, 0.93, 0.0}};
        try (TensorNetPotential model = TensorNetPotential.load(checkpoint)) {
            for (int step = 0; step < 5; step++) {
                PotentialOutput out = model.compute(AtomicSystem.of(z, pos));
                System.out.printf("step %d  E = %.6f  |F_H1| = %.4f%n", step, out.energy()[0], norm(out.forces()[1]));
                for (int i = 0; i < pos.length; i++) {
                    for (int k = 0; k < 3; k++) pos[i][k] += 0.01 * out.forces()[i][k];
                }
            }
        }
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }
}

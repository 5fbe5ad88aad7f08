package org.tensornet4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.TensorNetPotential;
import org.tensornet4j.model.TensorNetStages;

/**
 * The hot kernels of one TensorNet evaluation, one benchmark per stage, on the fixture systems with
 * the benchmark-size model {@code tn-bench}: the whole energy + forces call, the neighbour list, the
 * embedding and one interaction layer (forward only, without autograd), the network's energy and
 * gradient through the native kernels and through plain autograd, and the native message sums of one
 * layer ({@link TensorNetStages}). Where a change helps shows up per stage here before it shows in
 * {@code tn4j bench}. Every invocation runs in its own pointer scope, as a step does.
 *
 * <p>Fixtures: {@code -Dtn4j.fixtures=DIR} (default {@code tests/fixtures} from the working directory).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotKernelsBenchmark {
    @Param({"alanine_dipeptide", "chignolin"})
    public String system;

    private TensorNetPotential potential;
    private AtomicSystem atoms;
    private TensorNetStages stages;

    @Setup(Level.Trial)
    public void load() throws Exception {
        Path fixtures = Path.of(System.getProperty("tn4j.fixtures", "../tests/fixtures"));
        Path checkpoint = fixtures.resolve("tensornet/tn-bench.ckpt");
        JsonNode fixture = new ObjectMapper().readTree(Files.readString(
                fixtures.resolve("tensornet/tn-bench__" + system + ".json")));
        long[] zs = new long[fixture.get("z").size()];
        double[][] positions = new double[zs.length][3];
        for (int i = 0; i < zs.length; i++) {
            zs[i] = fixture.get("z").get(i).asLong();
            for (int k = 0; k < 3; k++) positions[i][k] = fixture.get("pos").get(i).get(k).asDouble();
        }
        atoms = AtomicSystem.of(zs, positions);
        potential = TensorNetPotential.load(checkpoint);
        stages = new TensorNetStages(checkpoint, zs, atoms.flatPositions());
    }

    @TearDown(Level.Trial)
    public void close() {
        stages.close();
        potential.close();
    }

    /** Neighbour list, energy and forces: what one MD step asks of the potential. */
    @Benchmark
    public double energyAndForces() {
        return potential.compute(atoms).totalEnergy();
    }

    @Benchmark
    public long neighborList() {
        return stages.neighborList();
    }

    /** Radial basis, pair embedding, edge sums and the per-atom mixing. */
    @Benchmark
    public long embedding() {
        return stages.embedding();
    }

    /** One interaction layer: radial MLP, messages, products and the update. */
    @Benchmark
    public long interaction() {
        return stages.interaction();
    }

    /** Energy and dE/dpos of the network through the native kernels (what compute() runs on the CPU). */
    @Benchmark
    public double gradientNativeKernels() {
        return stages.gradient(true);
    }

    /** The same through plain autograd ({@code TN4J_EDGE_KERNELS=0}): the kernels' baseline, in the same process. */
    @Benchmark
    public double gradientPlainAutograd() {
        return stages.gradient(false);
    }

    /** One layer's message sums over all edges (EdgeSums.neighborSum), from its radial weights and Y. */
    @Benchmark
    public long messageSumsNative() {
        return stages.messageSums();
    }
}

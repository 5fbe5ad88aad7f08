package org.tensornet4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
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
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.neighbors.NeighborStrategy;
import org.tensornet4j.torch.NoGrad;

/**
 * The hot kernels of one TensorNet evaluation, one benchmark per stage, on the fixture systems with
 * the benchmark-size model {@code tn-bench}: the whole energy + forces call, the neighbour list, the
 * embedding and one interaction layer (forward only, without autograd), the network's energy and
 * gradient through the native kernels ({@link KernelGradient}) and through plain autograd, and the
 * native message sums of one layer. Where a change helps shows up per stage here before it shows in
 * {@code tn4j bench}. Every invocation runs in its own {@link PointerScope}, as a step does.
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
    private TorchMDNet model;
    private TensorNet net;
    private AtomicSystem atoms;
    private Tensor z;
    private Tensor pos;
    private NeighborPairs pairs;
    private Edges edges;
    private Tensor x;
    private Tensor weights;
    private Tensor y;
    private PointerScope setupScope;

    @Setup(Level.Trial)
    public void load() throws Exception {
        Path shared = Path.of(System.getProperty("tn4j.fixtures", "../tests/fixtures"));
        Path checkpoint = shared.resolve("tensornet/tn-bench.ckpt");
        JsonNode fixture = new ObjectMapper().readTree(Files.readString(
                shared.resolve("tensornet/tn-bench__" + system + ".json")));
        long[] zs = new long[fixture.get("z").size()];
        double[][] positions = new double[zs.length][3];
        for (int i = 0; i < zs.length; i++) {
            zs[i] = fixture.get("z").get(i).asLong();
            for (int k = 0; k < 3; k++) positions[i][k] = fixture.get("pos").get(i).get(k).asDouble();
        }
        atoms = AtomicSystem.of(zs, positions);
        potential = TensorNetPotential.load(checkpoint);
        model = ModelLoader.load(checkpoint, new LoadOptions(Map.of(), NeighborStrategy.AUTO));
        net = (TensorNet) model.representation();
        setupScope = new PointerScope();
        z = Tensor.create(zs);
        pos = Tensor.create(atoms.flatPositions(), zs.length, 3).to(model.config().dtype());
        try (NoGrad off = NoGrad.enter()) {
            pairs = net.pairs(pos, null, null);
            edges = net.edges(pairs, 0, pairs.size(), pairs.vectors(), zs.length);
            x = net.embedding().forward(z, edges);
            weights = net.layers().get(0).radialWeights(edges);
            y = net.layers().get(0).prepare(x).y().packed();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        setupScope.close();
        model.close();
        potential.close();
    }

    /** Neighbour list, energy and forces: what one MD step asks of the potential. */
    @Benchmark
    public double energyAndForces() {
        return potential.compute(atoms).totalEnergy();
    }

    @Benchmark
    public long neighborList() {
        try (PointerScope scope = new PointerScope(); NoGrad off = NoGrad.enter()) {
            return net.pairs(pos, null, null).size();
        }
    }

    /** Radial basis, pair embedding, edge sums and the per-atom mixing. */
    @Benchmark
    public long embedding() {
        try (PointerScope scope = new PointerScope(); NoGrad off = NoGrad.enter()) {
            return net.embedding().forward(z, edges).numel();
        }
    }

    /** One interaction layer: radial MLP, messages, products and the update. */
    @Benchmark
    public long interaction() {
        try (PointerScope scope = new PointerScope(); NoGrad off = NoGrad.enter()) {
            return net.layers().get(0).forward(x, edges, null).numel();
        }
    }

    /** Energy and dE/dpos of the network through the native kernels (what compute() runs on the CPU). */
    @Benchmark
    public double gradientNativeKernels() {
        return gradient(true);
    }

    /** The same through plain autograd ({@code TN4J_EDGE_KERNELS=0}): the kernels' baseline, in the same process. */
    @Benchmark
    public double gradientPlainAutograd() {
        return gradient(false);
    }

    private double gradient(boolean kernels) {
        try (PointerScope scope = new PointerScope()) {
            Tensor p = pos.detach().requires_grad_(true);
            return model.energyAndGradient(ModelInputs.of(z, p), Long.MAX_VALUE, kernels).gradient()
                    .sum().item_double();
        }
    }

    /** One layer's message sums over all edges (EdgeSums.neighborSum), from its radial weights and Y. */
    @Benchmark
    public long messageSumsNative() {
        try (PointerScope scope = new PointerScope()) {
            return EdgeSums.neighborSum(weights, edges.radialIndex(), y, edges.senders(), edges.receivers(), pos.size(0))
                    .numel();
        }
    }
}

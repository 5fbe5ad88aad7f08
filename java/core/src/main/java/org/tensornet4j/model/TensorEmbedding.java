package org.tensornet4j.model;

import java.util.function.Supplier;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.nn.Activation;
import org.tensornet4j.nn.CosineCutoff;
import org.tensornet4j.nn.LayerNorm;
import org.tensornet4j.nn.Linear;
import org.tensornet4j.nn.ParameterStore;
import org.tensornet4j.torch.NoGrad;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.TensorScope;

/**
 * TensorNet's embedding ({@code representation_model.tensor_embedding}): every edge contributes
 * identity, skew and symmetric-traceless tensors of its unit vector, weighted by radial features and
 * by a learned embedding of the two atomic numbers; their sum per atom is normalised and mixed.
 */
final class TensorEmbedding {
    private final int channels;
    private final CosineCutoff cutoff;
    private final int maxZ;
    /** distance_proj1..3 weights [F, num_rbf] and biases [F], used stacked: one matrix product instead of three. */
    private final Tensor[] distanceProjWeights = new Tensor[3], distanceProjBiases = new Tensor[3];
    private final InferenceCache stackedWeight, stackedBias;
    private final Tensor emb;
    private final Linear emb2;
    private final Activation act;
    private final Tensor[] linearsTensor = new Tensor[3];
    /** The channel mix of the summed parts with {@code linearsTensor}. */
    private final PackedMix mix;
    private final Linear[] linearsScalar = new Linear[2];
    private final LayerNorm initNorm;
    /** emb2(cat(emb[a], emb[b])) for every pair of atom types, row a * max_z + b (see {@link #pairEmbedding}). */
    private final InferenceCache pairTable;

    TensorEmbedding(ParameterStore p, String prefix, ModelConfig c) {
        int f = c.hiddenChannels();
        this.channels = f;
        this.cutoff = new CosineCutoff(c.cutoffLower(), c.cutoffUpper());
        this.maxZ = c.maxZ();
        for (int k = 0; k < 3; k++) {
            Linear proj = new Linear(p, prefix + ".distance_proj" + (k + 1), c.numRbf(), f, true);
            distanceProjWeights[k] = proj.weight;
            distanceProjBiases[k] = proj.bias;
        }
        this.stackedWeight = new InferenceCache(() -> Ops.cat(0, distanceProjWeights), distanceProjWeights);
        this.stackedBias = new InferenceCache(() -> Ops.cat(0, distanceProjBiases), distanceProjBiases);
        this.emb = p.get(prefix + ".emb.weight", c.maxZ(), f);
        this.emb2 = new Linear(p, prefix + ".emb2", 2L * f, f, true);
        this.pairTable = new InferenceCache(this::allPairEmbeddings, emb, emb2.weight, emb2.bias);
        this.act = c.activation();
        for (int k = 0; k < 3; k++) linearsTensor[k] = p.get(prefix + ".linears_tensor." + k + ".weight", f, f);
        this.mix = new PackedMix(linearsTensor[0], linearsTensor[1], linearsTensor[2]);
        this.linearsScalar[0] = new Linear(p, prefix + ".linears_scalar.0", f, 2L * f, true);
        this.linearsScalar[1] = new Linear(p, prefix + ".linears_scalar.1", 2L * f, 3L * f, true);
        this.initNorm = new LayerNorm(p, prefix + ".init_norm", f);
    }

    /** X [N, F, 3, 3] from the atomic numbers and all edges. */
    Tensor forward(Tensor z, Edges edges) {
        return fromSums(edgeSums(z, edges));
    }

    /**
     * Per receiving atom of the block of {@code edges}, the sums over the edges of the three edge
     * tensors, each weighted by radial features and the pair embedding. They are linear in their
     * scalar factors, so they are summed in compact form: a scalar for I, a vector for A, six
     * components for S. Sums over disjoint sets of edges add up.
     *
     * @param z int64 [N], all atoms (edges may name any of them)
     */
    IrreducibleTensors.Compact edgeSums(Tensor z, Edges edges) {
        try (TensorScope scope = TensorScope.open()) {
            EdgeParts parts = edgeParts(z, edges);
            Tensor proj = edges.perEdge(parts.projections());
            // Part k of channel f weighed by proj[k * F + f] * weight[f] (on three parts: 3/10 of the
            // numbers), then all ten packed numbers per channel by the components in one product and one sum.
            Tensor partWeights = proj.reshape(proj.size(0), 3, channels).mul(parts.edgeWeights().unsqueeze(1));
            Tensor packedWeights = edges.packedFromEdgeParts(partWeights.flatten(1, 2));
            Tensor summed = edges.sumByReceiver(packedWeights.mul(parts.components().unsqueeze(-1)));
            return IrreducibleTensors.Compact.unpack(summed).keepIn(scope);
        }
    }

    /**
     * What each edge adds to its receiver's sums: packed number k of channel f is
     * {@code projections[radial row, part(k) * F + f] * edgeWeights[e, f] * components[e, k]}.
     *
     * @param projections [u, 3 F] (part-major) per radial row of the edges (see Edges): the three
     *                    distance projections, one matrix product on the radial rows
     * @param edgeWeights [e, F]: cutoff times the pair embedding of the two atoms
     * @param components  [e, 10]: the edge's tensor components (1 for I, the unit vector for A, its
     *                    symmetric traceless outer product for S), the same for every channel
     */
    record EdgeParts(Tensor projections, Tensor edgeWeights, Tensor components) {}

    EdgeParts edgeParts(Tensor z, Edges edges) {
        Tensor proj = projections(edges);
        return edgeParts(z, edges, () -> proj);
    }

    /**
     * {@link #edgeParts} with the projections from {@code projections}, asked for last: a caller may
     * have them made on another thread meanwhile.
     */
    EdgeParts edgeParts(Tensor z, Edges edges, Supplier<Tensor> projections) {
        Tensor unitVecs = edges.unitVectors();
        Tensor weight = edges.perEdge(cutoff.apply(edges.radialDistances())).unsqueeze(1).mul(pairEmbedding(z, edges));
        Tensor components = Ops.cat(1, unitVecs.new_ones(unitVecs.size(0), 1), unitVecs,
                IrreducibleTensors.symmetricOuter(unitVecs));
        return new EdgeParts(projections.get(), weight, components);
    }

    /** {@link EdgeParts#projections}: the three distance projections of the radial rows, one matrix product. */
    Tensor projections(Edges edges) {
        return torch.linear(edges.radialRbf(), stacked(stackedWeight, distanceProjWeights),
                new TensorOptional(stacked(stackedBias, distanceProjBiases)));
    }

    /**
     * The gradient of the radial rows' basis [u, num_rbf] given that of {@link #edgeParts}' projections
     * [u, 3 F] (no autograd: they are linear in the basis).
     */
    Tensor rbfGrad(Tensor gradProjections) {
        try (NoGrad off = NoGrad.enter()) {
            return gradProjections.mm(stacked(stackedWeight, distanceProjWeights));
        }
    }

    /**
     * The gradient of the radial rows' distances [u] given that of {@link #edgeParts}' edge weights
     * [e, F] (no autograd: they are the cutoff of the edge's radial distance times the pair embedding,
     * which does not depend on positions).
     */
    Tensor distanceGrad(Tensor gradEdgeWeights, Tensor z, Edges edges) {
        try (NoGrad off = NoGrad.enter()) {
            Tensor perEdge = gradEdgeWeights.mul(pairEmbedding(z, edges)).sum(new long[] {1}, false, new ScalarTypeOptional());
            Tensor perRow = edges.radialIndex() == null ? perEdge
                    : perEdge.new_zeros(edges.radialDistances().size(0)).index_add_(0, edges.radialIndex(), perEdge);
            return perRow.mul(cutoff.derivative(edges.radialDistances().detach()));
        }
    }

    /** The parts concatenated along dim 0: cached at inference, built per call (with gradients) in training. */
    private static Tensor stacked(InferenceCache cache, Tensor[] parts) {
        return cache.usable() ? cache.get() : Ops.cat(0, parts);
    }

    /** The pair features of every pair of atom types, [max_z * max_z, F]; row a * max_z + b pairs receiver a with sender b. */
    private Tensor allPairEmbeddings() {
        long types = emb.size(0);
        Tensor receivers = emb.repeat_interleave(types, new org.bytedeco.pytorch.LongOptional(0), new org.bytedeco.pytorch.LongOptional());
        Tensor senders = emb.repeat(types, 1);
        return emb2.apply(Ops.cat(1, receivers, senders));
    }

    /** emb2(cat(emb[z_receiver], emb[z_sender])) per edge, [e, F]: a row lookup at inference (positions do not enter). */
    private Tensor pairEmbedding(Tensor z, Edges edges) {
        Tensor zReceivers = Ops.indexSelect(z, edges.receivers());
        Tensor zSenders = Ops.indexSelect(z, edges.senders());
        if (pairTable.usable()) {
            return Ops.indexSelect(pairTable.get(), zReceivers.mul(Ops.integer(maxZ)).add(zSenders));
        }
        return emb2.apply(Ops.cat(1, Ops.indexSelect(emb, zReceivers), Ops.indexSelect(emb, zSenders)));
    }

    /** Frees the inference caches. */
    void close() {
        pairTable.close();
        stackedWeight.close();
        stackedBias.close();
        mix.close();
    }

    /**
     * {@link #fromSums} with the per-atom steps in native kernels ({@link AtomParts}), for
     * {@link KernelGradient}: what {@link #fromSumsGrad} needs.
     *
     * @param x          the output [N, F, 3, 3], without a graph
     * @param normInput  |I|^2 + |A|^2 + |S|^2 of the sums [N, F], a leaf
     * @param factors    the scalar MLP's per-part factors [N, 3 F], with their graph to {@code normInput}
     * @param mixed      the mixed sums [N, 10, F], with their graph to the sums
     */
    record Output(Tensor x, Tensor normInput, Tensor factors, Tensor mixed) {}

    /** See {@link Output}; {@code sums}: the packed per-atom edge sums [N, 10, F], a leaf. */
    Output fromSumsKernels(Tensor sums) {
        Tensor normInput = Autograd.leaf(AtomParts.packedNormSum(sums));
        Tensor factors = initNorm.apply(normInput);
        for (Linear l : linearsScalar) factors = act.apply(l.apply(factors));
        Tensor mixed = mix.apply(sums);
        return new Output(AtomParts.embeddingOutput(mixed, factors), normInput, factors, mixed);
    }

    /** The gradient of the sums given that of {@link Output#x}: the kernels', the mix's and the MLP's (autograd). */
    Tensor fromSumsGrad(Output out, Tensor sums, Tensor gradX) {
        Tensor[] g = AtomParts.embeddingOutputGrads(gradX, out.mixed(), out.factors());
        Tensor gradNormInput = Autograd.grad(new Tensor[] {out.factors()}, new Tensor[] {out.normInput()},
                new Tensor[] {g[1]}, false)[0];
        return mix.inputGrad(out.mixed(), sums, g[0]).add_(AtomParts.packedNormSumGrad(sums, gradNormInput));
    }

    /** X [N, F, 3, 3] from the per-atom edge sums: normalised, passed through the scalar MLP, mixed. */
    Tensor fromSums(IrreducibleTensors.Compact sums) {
        try (TensorScope scope = TensorScope.open()) {
            long n = sums.iso().size(0);
            // |I + A + S|^2 = |I|^2 + |A|^2 + |S|^2: the parts are orthogonal.
            Tensor[] parts = sums.squaredNorms();
            Tensor norm = initNorm.apply(parts[0].add(parts[1]).add(parts[2]));
            for (Linear l : linearsScalar) norm = act.apply(l.apply(norm));
            // Current TorchMD-Net reads the 3F outputs as [3, F] (part-major); legacy files are remapped on load.
            norm = norm.reshape(n, 3, channels);
            IrreducibleTensors.Compact mixed = IrreducibleTensors.Compact.unpack(mix.apply(sums.packed()))
                    .scale(norm.select(1, 0), norm.select(1, 1), norm.select(1, 2));
            return scope.keep(mixed.full());
        }
    }
}

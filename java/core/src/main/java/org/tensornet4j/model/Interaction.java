package org.tensornet4j.model;

import static org.tensornet4j.torch.Ops.expand2;
import static org.tensornet4j.torch.Ops.scalar;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.nn.Activation;
import org.tensornet4j.nn.CosineCutoff;
import org.tensornet4j.nn.Linear;
import org.tensornet4j.nn.ParameterStore;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.TensorScope;

/**
 * One TensorNet interaction layer ({@code representation_model.layers.<l>}): neighbours' tensors,
 * weighted per irreducible part by a radial MLP, are summed and multiplied with the atom's own
 * tensor (both orders for O(3), one for SO(3)), normalised, mixed and added back.
 */
final class Interaction implements AutoCloseable {
    private final int channels;
    private final boolean o3;
    private final CosineCutoff cutoff;
    private final Linear[] linearsScalar = new Linear[3];
    private final Tensor[] linearsTensor = new Tensor[6];
    private final Activation act;
    /** The channel mixes of the packed input (weights 0-2) and of the normalised products (3-5). */
    private final PackedMix inputMix;
    private final PackedMix productMix;

    Interaction(ParameterStore p, String prefix, ModelConfig c) {
        this(p, prefix, c, 0);
    }

    /**
     * @param edgeFeatures features per edge appended to the radial basis before the radial MLP
     *                     (TensorNet2: the charges of both atoms, 2 q_dim); 0 for TensorNet
     */
    Interaction(ParameterStore p, String prefix, ModelConfig c, int edgeFeatures) {
        int f = c.hiddenChannels();
        this.channels = f;
        this.o3 = c.group().equals("O(3)");
        this.cutoff = new CosineCutoff(c.cutoffLower(), c.cutoffUpper());
        this.linearsScalar[0] = new Linear(p, prefix + ".linears_scalar.0", (long) c.numRbf() + edgeFeatures, f, true);
        this.linearsScalar[1] = new Linear(p, prefix + ".linears_scalar.1", f, 2L * f, true);
        this.linearsScalar[2] = new Linear(p, prefix + ".linears_scalar.2", 2L * f, 3L * f, true);
        for (int k = 0; k < 6; k++) linearsTensor[k] = p.get(prefix + ".linears_tensor." + k + ".weight", f, f);
        this.act = c.activation();
        this.inputMix = new PackedMix(linearsTensor[0], linearsTensor[1], linearsTensor[2]);
        this.productMix = new PackedMix(linearsTensor[3], linearsTensor[4], linearsTensor[5]);
    }

    /**
     * @param x           [N, F, 3, 3]
     * @param chargeScale [N, 1, 1, 1] = 1 + 0.1 q per atom, or null for neutral molecules
     */
    Tensor forward(Tensor x, Edges edges, Tensor chargeScale) {
        return forward(x, edges, null, chargeScale);
    }

    /** TensorNet2's layer: {@code edgeFeatures} [E, k] join the radial basis; no charge factor. */
    Tensor forward(Tensor x, Edges edges, Tensor edgeFeatures, Tensor chargeScale) {
        Prepared p = prepare(x);
        // Packed once per atom and gathered once per edge (atSenders would gather each part).
        Tensor ySenders = Ops.indexSelect(p.y().packed(), edges.senders());
        return update(p, weightedSum(ySenders, edges, edgeFeatures), chargeScale);
    }

    /** The layer's per-atom input: X normalised, and Y, its parts with mixed channels. */
    record Prepared(Tensor x, IrreducibleTensors.Compact y) {}

    Prepared prepare(Tensor x) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor normalised = x.div(expand2(IrreducibleTensors.squaredNorm(x).add(scalar(1))));
            IrreducibleTensors.Compact y = IrreducibleTensors.decomposeCompact(normalised)
                    .mix(linearsTensor[0], linearsTensor[1], linearsTensor[2]);
            return new Prepared(scope.keep(normalised), y.keepIn(scope));
        }
    }

    /** Y of each edge's sender, [e, F, ..] per part. */
    static IrreducibleTensors.Compact atSenders(IrreducibleTensors.Compact y, Edges edges) {
        return new IrreducibleTensors.Compact(Ops.indexSelect(y.iso(), edges.senders()), Ops.indexSelect(y.vec(), edges.senders()),
                Ops.indexSelect(y.sym(), edges.senders()));
    }

    /**
     * Per receiving atom of the block of {@code edges}, the sum over the edges of the sender's Y
     * (given per edge by {@link #atSenders}), each part scaled by its own radial weight, in compact
     * form. Sums over disjoint sets of edges add up.
     */
    IrreducibleTensors.Compact messages(IrreducibleTensors.Compact ySenders, Edges edges) {
        return messages(ySenders, edges, null);
    }

    /** As {@link #messages(IrreducibleTensors.Compact, Edges)}, with features [e, k] appended to the radial basis, or null. */
    IrreducibleTensors.Compact messages(IrreducibleTensors.Compact ySenders, Edges edges, Tensor edgeFeatures) {
        return weightedSum(ySenders.packed(), edges, edgeFeatures);
    }

    /** {@link #messages} from the senders' Y packed per edge, [e, 10, F]. */
    private IrreducibleTensors.Compact weightedSum(Tensor ySendersPacked, Edges edges, Tensor edgeFeatures) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor weights;
            // Rows of [.., 3F] read as [.., 3, F]: row k*F + f weighs part k (I, A, S) of channel f.
            if (edgeFeatures == null) {
                weights = edges.perEdgePacked(radialWeights(edges));
            } else {
                weights = edges.packedFromEdgeParts(edgeWeights(edges.radialRbf(), edges.radialDistances(), edgeFeatures, edges));
            }
            Tensor summed = edges.sumByReceiver(weights.mul(ySendersPacked));
            return IrreducibleTensors.Compact.unpack(summed).keepIn(scope);
        }
    }

    /**
     * TensorNet's per-part weights of the messages, [u, 3 F] (part-major) per radial row of
     * {@code edges}: the radial MLP runs once per unordered pair (see Edges), and its rows go to both
     * edges of the pair.
     */
    Tensor radialWeights(Edges edges) {
        return radialWeights(edges.radialRbf(), edges.radialDistances());
    }

    /** As {@link #radialWeights(Edges)}, from the radial basis [u, num_rbf] and distances [u] of the radial rows. */
    Tensor radialWeights(Tensor rbf, Tensor distances) {
        Tensor edgeAttr = rbf;
        for (Linear l : linearsScalar) edgeAttr = act.apply(l.apply(edgeAttr));
        return edgeAttr.mul(cutoff.apply(distances).unsqueeze(1));
    }

    /**
     * The radial MLP without autograd, on the radial basis (TensorNet) or the basis with features
     * appended (TensorNet2), with its backward pass by hand ({@link MlpTape}); the weights are its
     * output times {@link #cutoff}.
     */
    MlpTape radialTape(Tensor input) {
        return new MlpTape(linearsScalar, act, input);
    }

    /** {@link #radialTape} from the tensors of one ({@link MlpTape#tensors}). */
    MlpTape radialTape(Tensor[] tensors) {
        return MlpTape.restore(linearsScalar, act, tensors);
    }

    /** The cosine cutoff the radial MLP's output is multiplied with. */
    CosineCutoff cutoff() {
        return cutoff;
    }

    /**
     * TensorNet2's per-part weights of each edge, [e, 3 F] (part-major): the radial MLP on the radial
     * basis with {@code edgeFeatures} [e, k] appended. The features (the charges of receiver and sender)
     * differ between the two directions of a pair, so this MLP runs per edge, not per radial row.
     *
     * @param rbf       radial basis of the radial rows of {@code edges} [u, num_rbf]
     * @param distances their distances [u]
     */
    Tensor edgeWeights(Tensor rbf, Tensor distances, Tensor edgeFeatures, Edges edges) {
        return edgeWeights(edges.perEdge(rbf), edges.perEdge(distances), edgeFeatures);
    }

    /** As {@link #edgeWeights(Tensor, Tensor, Tensor, Edges)}, from each edge's radial basis [e, num_rbf] and distance [e]. */
    Tensor edgeWeights(Tensor edgeRbf, Tensor edgeDistances, Tensor edgeFeatures) {
        Tensor edgeAttr = Ops.cat(-1, edgeRbf, edgeFeatures);
        for (Linear l : linearsScalar) edgeAttr = act.apply(l.apply(edgeAttr));
        return edgeAttr.mul(cutoff.apply(edgeDistances).unsqueeze(1));
    }

    /** Columns of the per-part weights the radial MLP makes per row: 3 F. */
    long weightColumns() {
        return 3L * channels;
    }

    /** O(3) (products in both orders) or SO(3). */
    boolean o3() { return o3; }

    /** Y from the parts of the normalised input: the channel mix of {@link #prepare}, packed [N, 10, F] in and out. */
    Tensor mixInput(Tensor normalisedParts) {
        return inputMix.apply(normalisedParts);
    }

    /** The channel mix of the update's normalised products, packed [N, 10, F] in and out (see {@link AtomUpdate}). */
    Tensor mixProducts(Tensor normalisedProducts) {
        return productMix.apply(normalisedProducts);
    }

    /** The gradient of {@link #mixInput}'s input given that of its output {@code y} (see {@link PackedMix#inputGrad}). */
    Tensor mixInputGrad(Tensor y, Tensor normalisedParts, Tensor gradY) {
        return inputMix.inputGrad(y, normalisedParts, gradY);
    }

    /** The gradient of {@link #mixProducts}'s input given that of its output {@code mixed}. */
    Tensor mixProductsGrad(Tensor mixed, Tensor normalisedProducts, Tensor gradMixed) {
        return productMix.inputGrad(mixed, normalisedProducts, gradMixed);
    }

    /** Frees the stacked mix weights cached for inference. */
    @Override
    public void close() {
        inputMix.close();
        productMix.close();
    }

    /** The new X from the prepared input and the summed messages. */
    Tensor update(Prepared p, IrreducibleTensors.Compact messages, Tensor chargeScale) {
        try (TensorScope scope = TensorScope.open()) {
            Tensor msg = messages.full();
            Tensor yFull = p.y().full();
            Tensor product;
            if (o3) {
                product = torch.matmul(msg, yFull).add(torch.matmul(yFull, msg));
                if (chargeScale != null) product = product.mul(chargeScale);
            } else {
                product = torch.matmul(yFull, msg).mul(scalar(2));
            }
            // Each part divided by |I + A + S|^2 + 1 (= |product|^2 + 1) of its channel, then mixed.
            Tensor inverse = IrreducibleTensors.squaredNorm(product).add(scalar(1)).reciprocal();
            Tensor dx = IrreducibleTensors.decomposeCompact(product)
                    .scale(inverse, inverse, inverse)
                    .mix(linearsTensor[3], linearsTensor[4], linearsTensor[5]).full();
            Tensor dx2 = torch.matmul(dx, dx);
            if (chargeScale != null) dx2 = dx2.mul(chargeScale);
            return scope.keep(p.x().add(dx).add(dx2));
        }
    }
}

package org.tensornet4j.model;

import static org.tensornet4j.torch.Ops.scalar;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.neighbors.NeighborStrategy;
import org.tensornet4j.nn.ParameterStore;
import org.tensornet4j.priors.Prior;
import org.tensornet4j.priors.PriorInputs;
import org.tensornet4j.priors.Priors;
import org.tensornet4j.torch.Ops;

/**
 * TorchMD-Net's model wrapper ({@code TorchMD_Net}), in its order: representation, output head,
 * per-atom scaling by {@code std}, the atom-wise parts of the priors (Atomref), reduction over each
 * molecule, the shift by {@code mean}, then the molecule-wise parts of the priors (ZBL, D2, Coulomb).
 * {@code std} and {@code mean} apply whatever {@code standardize} said at training time.
 */
public final class TorchMDNet implements AutoCloseable {
    private final ModelConfig config;
    private final NeighborStrategy neighbors;
    private final TensorNet representation;
    private final ScalarOutput output;
    /** TorchMD-Net's tensornet2 instead of {@link #representation}, or null. */
    private final TensorNet2 representation2;
    /** The ScalarPlusWeightedCoulomb head instead of {@link #output}, or null. */
    private final WeightedCoulombOutput coulombOutput;
    private final Tensor mean;
    private final Tensor std;
    private final List<Prior> priors;
    private final java.util.Map<String, Tensor> parameters;
    private final java.util.Map<String, Tensor> otherBuffers;

    TorchMDNet(ParameterStore p, ModelConfig config, NeighborStrategy neighbors) {
        this.config = config;
        this.neighbors = neighbors;
        this.representation = config.isTensorNet2() ? null : new TensorNet(p, "representation_model", config, neighbors);
        this.representation2 = config.isTensorNet2() ? new TensorNet2(p, "representation_model", config, neighbors) : null;
        this.coulombOutput = config.hasCoulombHead() ? new WeightedCoulombOutput(p, "output_model", config) : null;
        this.output = config.hasCoulombHead() ? null : new ScalarOutput(p, "output_model", config);
        this.mean = p.get("mean");
        this.std = p.get("std");
        this.priors = Priors.create(config.priors(), p);
        this.parameters = p.handedOut();
        this.otherBuffers = p.notHandedOut();
    }

    /**
     * The model's state dict (TorchMD-Net names, without the {@code model.} prefix): the tensors the
     * model computes with, so that a trainer updating them in place changes the model, plus the
     * buffers inference ignores (e.g. {@code distance.box}), so that the dict can be saved again whole.
     */
    public java.util.Map<String, Tensor> stateDict() {
        java.util.Map<String, Tensor> all = new java.util.LinkedHashMap<>(parameters);
        all.putAll(otherBuffers);
        return all;
    }

    /** Frees the parameters' native memory now rather than whenever the garbage collector runs. */
    @Override
    public void close() {
        if (representation != null) representation.close();
        if (representation2 != null) representation2.close();
        for (Tensor t : parameters.values()) t.close();
    }

    public ModelConfig config() { return config; }

    /** The representation model, for benchmarks of its stages (java/bench). */
    TensorNet representation() { return representation; }

    /** The priors in TorchMD-Net's order ({@code prior_model.<i>}). */
    public List<Prior> priors() { return priors; }

    /** How the neighbour list finds its pairs (not a hyper-parameter: it never changes the result). */
    public NeighborStrategy neighborStrategy() { return neighbors; }

    /**
     * Checks that every prior can evaluate this input (atom types in its tables, box, partial charges).
     *
     * @param box the box given with the input, or null
     */
    public void validatePriorInputs(long[] atomTypes, double[][] box, double[] partialCharges) {
        for (Prior prior : priors) prior.validate(atomTypes, box, partialCharges);
        if (coulombOutput != null) coulombOutput.validateBox(box, box != null ? box : config.boxVecs());
    }

    /** Whether the network needs each molecule's total charge (tensornet2 equilibrates its charges to it). */
    public boolean needsTotalCharge() {
        return representation2 != null;
    }

    /** Whether a total charge changes the result: TensorNet's charge factor only acts inside interaction layers. */
    public boolean readsTotalCharge() {
        return representation2 != null || config.numLayers() > 0;
    }

    /** Whether some prior reads the per-atom partial charges of the input. */
    public boolean readsPartialCharges() {
        return priors.stream().anyMatch(p -> p.name().equals("Coulomb"));
    }

    /** Energies per molecule [M] of an input without partial charges (see the full overload). */
    public Tensor energy(Tensor z, Tensor pos, Tensor batch, long molecules, Tensor box, Tensor charge) {
        return energy(z, pos, batch, molecules, box, charge, null);
    }

    /**
     * Energies per molecule [M], differentiable in {@code pos}.
     *
     * @param box            [3, 3] given with the input, or null: then the network uses the model's
     *                       {@code box_vecs} (if any) and the priors get no box, as in TorchMD-Net
     * @param charge         total charge per atom [N] (the molecule's, broadcast), or null for neutral
     * @param partialCharges per-atom partial charges for the Coulomb prior, or null
     */
    public Tensor energy(Tensor z, Tensor pos, Tensor batch, long molecules, Tensor box, Tensor charge, Tensor partialCharges) {
        if (representation2 != null) return tensorNet2(z, pos, batch, molecules, box, charge, partialCharges).energy();
        NeighborPairs pairs = representation.pairs(pos, batch, box != null ? box : defaultBox(pos));
        PriorInputs in = new PriorInputs(z, pos, batch, molecules, box, partialCharges);
        Tensor e = energyFromFeatures(representation.forward(z, pairs, chargeScale(charge)), z, batch, molecules, in);
        return molecularPriors(e, in);
    }

    /**
     * Whether TensorNet's gradients may use the native per-edge kernels ({@link KernelGradient});
     * {@code TN4J_EDGE_KERNELS=0} turns them off (plain autograd instead, e.g. to compare).
     */
    private static final boolean EDGE_KERNELS = !"0".equals(System.getenv("TN4J_EDGE_KERNELS"));

    /**
     * Energies per molecule and the gradient of their sum with respect to {@code pos} (which must
     * require grad). TensorNet on the CPU uses {@link KernelGradient} up to
     * {@link KernelGradient#maxEdges} edges; larger systems (or with the kernels off) with more edges
     * than one chunk use {@link ChunkedGradient}, the rest plain autograd; all compute the same thing.
     * The molecule-wise priors (ZBL, D2, Coulomb) are added with their own autograd gradient.
     */
    public EnergyAndGradient energyAndGradient(Tensor z, Tensor pos, Tensor batch, long molecules, Tensor box, Tensor charge,
                                               Tensor partialCharges) {
        return energyAndGradient(z, pos, batch, molecules, box, charge, partialCharges,
                ChunkedGradient.edgesPerChunk(config.hiddenChannels()), EDGE_KERNELS);
    }

    /** With a given chunk size and with or without the native edge kernels (tests compare the evaluations). */
    EnergyAndGradient energyAndGradient(Tensor z, Tensor pos, Tensor batch, long molecules, Tensor box, Tensor charge,
                                        Tensor partialCharges, long edgesPerChunk, boolean edgeKernels) {
        if (representation2 != null) {
            EnergyAndGradient r = tensorNet2(z, pos, batch, molecules, box, charge, partialCharges);
            Tensor gradient = torch.grad(new TensorVector(r.energy().sum()), new TensorVector(pos)).get(0);
            return new EnergyAndGradient(r.energy().detach(), gradient, r.charges());
        }
        NeighborPairs pairs = representation.pairs(pos, batch, box != null ? box : defaultBox(pos));
        PriorInputs in = new PriorInputs(z, pos, batch, molecules, box, partialCharges);
        EnergyAndGradient network;
        if (edgeKernels && KernelArgs.supports(pos) && pairs.size() <= KernelGradient.maxEdges(config.hiddenChannels())) {
            network = new KernelGradient(this, representation).evaluate(z, pos, pairs, batch, molecules, chargeScale(charge), in);
        } else if (pairs.size() > edgesPerChunk) {
            network = new ChunkedGradient(this, representation, edgesPerChunk)
                    .evaluate(z, pos, pairs, batch, molecules, chargeScale(charge), in);
        } else {
            Tensor energy = energyFromFeatures(representation.forward(z, pairs, chargeScale(charge)), z, batch, molecules, in);
            Tensor gradient = torch.grad(new TensorVector(energy.sum()), new TensorVector(pos)).get(0);
            network = new EnergyAndGradient(energy.detach(), gradient);
        }
        if (!hasMolecularPriors()) return network;
        // Added to the (detached) network energy in TorchMD-Net's order, so that only the priors' own
        // terms are differentiated here; their gradient joins the network's.
        Tensor total = molecularPriors(network.energy(), in);
        if (!total.requires_grad()) return new EnergyAndGradient(total, network.gradient());
        Tensor priorGradient = torch.grad(new TensorVector(total.sum()), new TensorVector(pos)).get(0);
        return new EnergyAndGradient(total.detach(), network.gradient().add(priorGradient));
    }

    /**
     * TensorNet2: energies [M] (differentiable) and the predicted charges (detached): all channels
     * [N, (num_layers + 1) q_dim] in {@link EnergyAndGradient#charges()}. Plain autograd, no chunks.
     *
     * @param charge total charge of each atom's molecule [N], or null for neutral molecules
     */
    private EnergyAndGradient tensorNet2(Tensor z, Tensor pos, Tensor batch, long molecules, Tensor box, Tensor charge,
                                         Tensor partialCharges) {
        Tensor networkBox = box != null ? box : defaultBox(pos);
        NeighborPairs pairs = representation2.pairs(pos, batch, networkBox);
        PriorInputs in = new PriorInputs(z, pos, batch, molecules, box, partialCharges);
        Tensor molecule = batch != null ? batch : z.new_zeros(z.size(0));
        Tensor totalCharge = charge != null ? charge.to(pos.device(), pos.scalar_type()) : pos.new_zeros(z.size(0));
        TensorNet2.Result r = representation2.forward(z, pairs, molecule, molecules, totalCharge);
        Tensor atomic = coulombOutput != null
                ? coulombOutput.preReduce(r.features(), r.charges(), pos, molecule, networkBox)
                : output.preReduce(r.features());
        Tensor energy = molecularPriors(energyFromAtomic(atomic, z, batch, molecules, in), in);
        return new EnergyAndGradient(energy, null, r.charges().detach());
    }

    /**
     * One charge per atom [N] from TensorNet2's charge channels [N, C]: their mean weighted as the
     * Coulomb head weighs them ({@code qweights}), or their plain mean without that head. Every
     * channel adds up to the molecule's total charge, so the result does too.
     */
    public Tensor atomicCharges(Tensor channels) {
        Tensor w = coulombOutput != null ? coulombOutput.weights().to(channels.device(), channels.scalar_type())
                : channels.new_ones(channels.size(1));
        return torch.matmul(channels, w).div(w.sum());
    }

    /** The charge factor of TensorNet's products, [N, 1, 1, 1] = 1 + 0.1 q, or null for neutral molecules. */
    private static Tensor chargeScale(Tensor charge) {
        return charge == null ? null : charge.mul(scalar(0.1)).add(scalar(1)).reshape(-1, 1, 1, 1);
    }

    /**
     * Output head, scaling by std, the atom-wise priors, reduction per molecule and shift by mean:
     * [M] from features [N, F].
     */
    Tensor energyFromFeatures(Tensor features, Tensor z, Tensor batch, long molecules, PriorInputs in) {
        return energyFromAtomic(output.preReduce(features), z, batch, molecules, in);
    }

    /**
     * As {@link #energyFromFeatures}, from the output head's per-atom outputs [N, 1]. From the scaling
     * by std on, the energy is float64 whatever the model's precision: each atom's energy is rounded
     * to the model's precision once (by the head), never the growing sum (docs/precision.md).
     */
    private Tensor energyFromAtomic(Tensor headOutput, Tensor z, Tensor batch, long molecules, PriorInputs in) {
        Tensor atomic = Ops.toDtype(headOutput, ScalarType.Double).mul(std);
        for (Prior prior : priors) atomic = prior.preReduce(atomic, in);
        // TorchMD-Net scatters with an all-zero batch for a single molecule: the same sequential sum.
        Tensor molecule = batch != null ? batch : z.new_zeros(z.size(0));
        Tensor e = Ops.scatterAddInDouble(atomic, molecule, molecules);
        if (config.reduceOp().equals("mean")) {
            Tensor counts = torch.bincount(molecule, new org.bytedeco.pytorch.TensorOptional(), molecules);
            e = e.div(counts.unsqueeze(1).to(e.device(), e.scalar_type()));
        }
        return e.add(mean).reshape(-1);
    }

    /** Adds the molecule-wise parts of the priors to energies [M]. */
    private Tensor molecularPriors(Tensor energy, PriorInputs in) {
        Tensor e = energy.reshape(-1, 1);
        for (Prior prior : priors) e = prior.postReduce(e, in);
        return e.reshape(-1);
    }

    private boolean hasMolecularPriors() {
        return priors.stream().anyMatch(Prior::isMoleculeWise);
    }

    /** The model's {@code box_vecs} as a tensor like {@code pos}, or null. */
    private Tensor defaultBox(Tensor pos) {
        return config.boxVecs() == null ? null : Ops.matrix3(config.boxVecs(), pos);
    }
}

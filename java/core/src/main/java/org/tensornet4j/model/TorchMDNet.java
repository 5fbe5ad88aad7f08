package org.tensornet4j.model;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
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
    /** TensorNet or TensorNet2 ({@code representation_model.*}). */
    private final RepresentationModel representation;
    /** Scalar or ScalarPlusWeightedCoulomb ({@code output_model.*}). */
    private final OutputModel output;
    private final Tensor mean;
    private final Tensor std;
    private final List<Prior> priors;
    private final AtomEnergies atomEnergies;
    private final java.util.Map<String, Tensor> parameters;
    private final java.util.Map<String, Tensor> otherBuffers;

    TorchMDNet(ParameterStore p, ModelConfig config, NeighborStrategy neighbors) {
        this.config = config;
        this.neighbors = neighbors;
        this.representation = config.isTensorNet2() ? new TensorNet2(p, "representation_model", config, neighbors)
                : new TensorNet(p, "representation_model", config, neighbors);
        this.output = config.hasCoulombHead() ? new WeightedCoulombOutput(p, "output_model", config)
                : new ScalarOutput(p, "output_model", config);
        this.mean = p.get("mean");
        this.std = p.get("std");
        this.priors = Priors.create(config.priors(), p);
        this.atomEnergies = new AtomEnergies(config, mean, priors);
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
        representation.close();
        for (Tensor t : parameters.values()) t.close();
    }

    public ModelConfig config() { return config; }

    /** The representation model, for benchmarks of its stages (java/bench). */
    RepresentationModel representation() { return representation; }

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
        output.validateBox(box, box != null ? box : config.boxVecs());
    }

    /** Whether the network needs each molecule's total charge (tensornet2 equilibrates its charges to it). */
    public boolean needsTotalCharge() {
        return representation.needsTotalCharge();
    }

    /** Whether a total charge changes the result: TensorNet's charge factor only acts inside interaction layers. */
    public boolean readsTotalCharge() {
        return representation.readsTotalCharge();
    }

    /** Whether some prior reads the per-atom partial charges of the input. */
    public boolean readsPartialCharges() {
        return priors.stream().anyMatch(p -> p.name().equals("Coulomb"));
    }

    /**
     * Energies per molecule [M], differentiable in {@code pos}.
     */
    public Tensor energy(ModelInputs in) {
        return evaluate(in, networkBox(in)).energy();
    }

    /**
     * Whether TensorNet's gradients may use the native per-edge kernels ({@link KernelGradient});
     * {@code TN4J_EDGE_KERNELS=0} turns them off (plain autograd instead, e.g. to compare).
     */
    private static final boolean EDGE_KERNELS = !"0".equals(System.getenv("TN4J_EDGE_KERNELS"));

    /** Energies per molecule and the gradient of their sum with respect to {@code pos}, nothing else. */
    public EnergyAndGradient energyAndGradient(ModelInputs in) {
        return energyAndGradient(in, ExtraOutputs.NONE);
    }

    /**
     * Energies per molecule and the gradient of their sum with respect to {@code pos} (which must
     * require grad), plus the {@code extras} asked for: the virial ({@link GradientInputs}) and each
     * atom's energy ({@link AtomEnergies}). TensorNet and TensorNet2 on the CPU use {@link KernelGradient}
     * up to {@link KernelGradient#maxEdges} edges; larger TensorNet systems (or with the kernels off)
     * with more edges than one chunk use {@link ChunkedGradient}, the rest plain autograd; all compute
     * the same thing. The molecule-wise priors (ZBL, D2, Coulomb) are added with their own autograd
     * gradient. TensorNet2 returns its predicted charges (detached): all channels
     * [N, (num_layers + 1) q_dim] in {@link EnergyAndGradient#charges()}.
     */
    public EnergyAndGradient energyAndGradient(ModelInputs in, ExtraOutputs extras) {
        return energyAndGradient(in, extras, ChunkedGradient.edgesPerChunk(config.hiddenChannels()), EDGE_KERNELS);
    }

    /**
     * With a given chunk size (TensorNet2 on the kernels: the most edges of one block of its radial MLP)
     * and with or without the native edge kernels (tests compare the evaluations).
     */
    EnergyAndGradient energyAndGradient(ModelInputs in, long edgesPerChunk, boolean edgeKernels) {
        return energyAndGradient(in, ExtraOutputs.NONE, edgesPerChunk, edgeKernels);
    }

    /** As {@link #energyAndGradient(ModelInputs, long, boolean)}, with extras. */
    EnergyAndGradient energyAndGradient(ModelInputs given, ExtraOutputs extras, long edgesPerChunk, boolean edgeKernels) {
        if (extras.virial() && given.box() == null) requireNoPriorBox();
        GradientInputs targets = GradientInputs.of(given, networkBox(given), extras.virial());
        ModelInputs in = targets.inputs();
        Tensor pos = in.pos();
        NeighborPairs pairs = representation.pairs(pos, in.batch(), targets.networkBox());
        boolean kernels = edgeKernels && KernelArgs.supports(pos) && pairs.size() <= KernelGradient.maxEdges(config.hiddenChannels());
        // TensorNet2: its molecule-wise priors are part of evaluate()'s energy, so nothing is added below.
        if (representation instanceof TensorNet2 tensorNet2) {
            Evaluation r = kernels ? new KernelGradient(this, tensorNet2, edgesPerChunk).evaluate(targets, pairs, null)
                    : plainGradient(in, pairs, targets);
            if (kernels && hasMolecularPriors()) r = withMolecularPriors(r, in, targets);
            return result(r, targets, extras);
        }
        TensorNet tensorNet = (TensorNet) representation;
        Tensor chargeScale = TensorNet.chargeScale(in.charge());
        Evaluation network;
        if (kernels) {
            network = new KernelGradient(this, tensorNet).evaluate(targets, pairs, chargeScale);
        } else if (pairs.size() > edgesPerChunk) {
            network = new ChunkedGradient(this, tensorNet, edgesPerChunk).evaluate(targets, pairs, chargeScale);
        } else {
            Energies energy = energiesFromFeatures(tensorNet.forward(in.z(), pairs, chargeScale), in);
            Tensor[] gradients = targets.grad(energy.molecules().sum());
            network = new Evaluation(energy.molecules().detach(), gradients, energy.atoms().detach(), null);
        }
        return result(hasMolecularPriors() ? withMolecularPriors(network, in, targets) : network, targets, extras);
    }

    /** Plain autograd through everything ({@link #evaluate}, molecule-wise priors included). */
    private Evaluation plainGradient(ModelInputs in, NeighborPairs pairs, GradientInputs targets) {
        Evaluation r = evaluate(in, pairs, targets.networkBox());
        Tensor[] gradients = targets.grad(r.energy().sum());
        return new Evaluation(r.energy().detach(), gradients, r.atoms().detach(), r.charges());
    }

    /**
     * The molecule-wise priors added to a network's (detached) energy in TorchMD-Net's order, so that
     * only the priors' own terms are differentiated here; their gradient joins the network's.
     */
    private Evaluation withMolecularPriors(Evaluation network, ModelInputs in, GradientInputs targets) {
        Tensor total = molecularPriors(network.energy(), in);
        Tensor[] gradients = total.requires_grad() ? GradientInputs.add(network.gradients(), targets.grad(total.sum()))
                : network.gradients();
        return new Evaluation(total.detach(), gradients, network.atoms(), network.charges());
    }

    /**
     * A prior periodic in a box of its own (the Coulomb prior's box_vecs) gets no strain from the
     * input, and the virial without its box term would depend on where the atoms were wrapped:
     * refused, with the fix.
     */
    private void requireNoPriorBox() {
        for (Prior prior : priors) {
            if (prior.hasOwnBox()) {
                throw new IllegalArgumentException("the virial of this model needs the periodic box with the input: its "
                        + prior.name() + " prior is periodic in its own box_vecs when the input has none, and that box"
                        + " cannot be strained. Give the box with the input (e.g. the same box_vecs)");
            }
        }
    }

    /**
     * How far an atom's position reaches into the energy (Å): (num_layers + 1) x cutoff through the
     * embedding's and each layer's messages, or a Coulomb head's or prior's range when larger.
     */
    public double receptiveField() {
        double reach = (config.numLayers() + 1) * config.cutoffUpper();
        if (config.hasCoulombHead()) {
            Double coulomb = config.tensorNet2().coulombCutoff();
            reach = Math.max(reach, coulomb == null ? Double.POSITIVE_INFINITY : coulomb);
        }
        for (Prior prior : priors) reach = Math.max(reach, prior.range());
        return reach;
    }

    /**
     * An evaluation: energies [M], their gradients ({@link GradientInputs#grad} order: positions,
     * then the box when the virial is wanted), the per-atom terms before the reduction [N, 1]
     * ({@link Energies#atoms()}) and TensorNet2's charge channels, or null.
     */
    record Evaluation(Tensor energy, Tensor[] gradients, Tensor atoms, Tensor charges) {}

    /** The caller's view of an evaluation, with the extras asked for. */
    private EnergyAndGradient result(Evaluation e, GradientInputs targets, ExtraOutputs extras) {
        Tensor virial = extras.virial() ? targets.virial(e.gradients()) : null;
        Tensor perAtom = extras.atomEnergies() ? atomEnergies.of(e.atoms(), targets.inputs()) : null;
        return new EnergyAndGradient(e.energy(), e.gradients()[0], e.charges(), virial, perAtom);
    }

    /**
     * TorchMD-Net's forward: energies [M] (differentiable), the per-atom terms [N, 1]
     * (differentiable) and the predicted charges (detached, null for models that predict none).
     * Plain autograd, no chunks.
     *
     * @param networkBox the box the network uses ({@link #networkBox}, or the virial's leaf of it)
     */
    private Evaluation evaluate(ModelInputs in, Tensor networkBox) {
        return evaluate(in, representation.pairs(in.pos(), in.batch(), networkBox), networkBox);
    }

    /** As {@link #evaluate(ModelInputs, Tensor)}, with the neighbour pairs. */
    private Evaluation evaluate(ModelInputs in, NeighborPairs pairs, Tensor networkBox) {
        RepresentationModel.Output r = representation.forward(in, pairs);
        Energies energies = energiesFromAtomic(output.preReduce(r, in, networkBox), in);
        Tensor energy = molecularPriors(energies.molecules(), in);
        return new Evaluation(energy, null, energies.atoms(), r.charges() == null ? null : r.charges().detach());
    }

    /**
     * One charge per atom [N] from TensorNet2's charge channels [N, C]: their mean weighted as the
     * Coulomb head weighs them ({@code qweights}), or their plain mean without that head. Every
     * channel adds up to the molecule's total charge, so the result does too.
     */
    public Tensor atomicCharges(Tensor channels) {
        Tensor w = output.chargeWeights(channels);
        return torch.matmul(channels, w).div(w.sum());
    }

    /**
     * Output head, scaling by std, the atom-wise priors, reduction per molecule and shift by mean:
     * {@link Energies} from TensorNet's features [N, F], for its chunked and kernel gradients. The head is the
     * Scalar one, which reads neither charges nor a box: ModelConfig refuses the Coulomb head
     * without tensornet2.
     */
    Energies energiesFromFeatures(Tensor features, ModelInputs in) {
        return energies(new RepresentationModel.Output(features, null), in, null);
    }

    /** TensorNet2's Coulomb head when its term runs over all pairs of each molecule (see {@link KernelGradient}), else null. */
    WeightedCoulombOutput allPairsCoulomb() {
        return output instanceof WeightedCoulombOutput w && w.sumsAllPairs() ? w : null;
    }

    /** As {@link #energiesFromFeatures}, from the representation's output (TensorNet2: with its charges) and the box. */
    Energies energies(RepresentationModel.Output representation, ModelInputs in, Tensor networkBox) {
        return energiesFromAtomic(output.preReduce(representation, in, networkBox), in);
    }

    /**
     * @param molecules energies per molecule [M] (before the molecule-wise priors)
     * @param atoms     the per-atom terms they sum, float64 [N, 1]: the head's output scaled by std, the
     *                  atom-wise priors added (before the reduction and the shift by mean)
     */
    record Energies(Tensor molecules, Tensor atoms) {}

    /**
     * As {@link #energiesFromFeatures}, from the output head's per-atom outputs [N, 1]. From the scaling
     * by std on, the energy is float64 whatever the model's precision: each atom's energy is rounded
     * to the model's precision once (by the head), never the growing sum (docs/precision.md).
     */
    Energies energiesFromAtomic(Tensor headOutput, ModelInputs in) {
        PriorInputs priorInputs = in.priorInputs();
        Tensor atomic = Ops.toDtype(headOutput, ScalarType.Double).mul(std);
        for (Prior prior : priors) atomic = prior.preReduce(atomic, priorInputs);
        Tensor molecule = in.molecule();
        long molecules = in.molecules();
        Tensor e = Ops.scatterAddInDouble(atomic, molecule, molecules);
        if (config.reduceOp().equals("mean")) {
            Tensor counts = torch.bincount(molecule, new org.bytedeco.pytorch.TensorOptional(), molecules);
            e = e.div(counts.unsqueeze(1).to(e.device(), e.scalar_type()));
        }
        return new Energies(e.add(mean).reshape(-1), atomic);
    }

    /** Adds the molecule-wise parts of the priors to energies [M]. */
    private Tensor molecularPriors(Tensor energy, ModelInputs in) {
        PriorInputs priorInputs = in.priorInputs();
        Tensor e = energy.reshape(-1, 1);
        for (Prior prior : priors) e = prior.postReduce(e, priorInputs);
        return e.reshape(-1);
    }

    private boolean hasMolecularPriors() {
        return priors.stream().anyMatch(Prior::isMoleculeWise);
    }

    /** The box the network uses: the input's, else the model's {@code box_vecs} as a tensor like {@code pos}, else null. */
    private Tensor networkBox(ModelInputs in) {
        if (in.box() != null) return in.box();
        return config.boxVecs() == null ? null : Ops.matrix3(config.boxVecs(), in.pos());
    }
}

package org.tensornet4j.model;

import static org.tensornet4j.model.Ops.scalar;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.priors.Prior;
import org.tensornet4j.priors.PriorInputs;
import org.tensornet4j.priors.Priors;

/**
 * TorchMD-Net's model wrapper ({@code TorchMD_Net}), in its order: representation, output head,
 * per-atom scaling by {@code std}, the atom-wise parts of the priors (Atomref), reduction over each
 * molecule, the shift by {@code mean}, then the molecule-wise parts of the priors (ZBL, D2, Coulomb).
 * {@code std} and {@code mean} apply whatever {@code standardize} said at training time.
 */
public final class TorchMDNet implements AutoCloseable {
    private final ModelConfig config;
    private final TensorNet representation;
    private final ScalarOutput output;
    private final Tensor mean;
    private final Tensor std;
    private final List<Prior> priors;
    private final List<Tensor> parameters;

    TorchMDNet(ParameterStore p, ModelConfig config) {
        this.config = config;
        this.representation = new TensorNet(p, "representation_model", config);
        this.output = new ScalarOutput(p, "output_model", config);
        this.mean = p.get("mean");
        this.std = p.get("std");
        this.priors = Priors.create(config.priors(), p);
        this.parameters = p.handedOut();
    }

    /** Frees the parameters' native memory now rather than whenever the garbage collector runs. */
    @Override
    public void close() {
        for (Tensor t : parameters) t.close();
    }

    public ModelConfig config() { return config; }

    /** The priors in TorchMD-Net's order ({@code prior_model.<i>}). */
    public List<Prior> priors() { return priors; }

    /**
     * Checks that every prior can evaluate this input (atom types in its tables, box, partial charges).
     *
     * @param box the box given with the input, or null
     */
    public void validatePriorInputs(long[] atomTypes, double[][] box, double[] partialCharges) {
        for (Prior prior : priors) prior.validate(atomTypes, box, partialCharges);
    }

    /** Energies per molecule [M] of an input without partial charges (see the full overload). */
    public Tensor energy(Tensor z, Tensor pos, Tensor batch, long molecules, Tensor box, Tensor charge) {
        return energy(z, pos, batch, molecules, box, charge, null);
    }

    /**
     * Energies per molecule [M].
     *
     * @param z              int64 [N]
     * @param pos            [N, 3] in the model dtype, Å
     * @param batch          int64 [N] or null (one molecule)
     * @param molecules      M
     * @param box            [3, 3] given with the input, or null: then the network uses the model's
     *                       {@code box_vecs} (if any) and the priors get no box, as in TorchMD-Net
     * @param charge         total charge per atom [N] (the molecule's, broadcast), or null for neutral
     * @param partialCharges [N] per-atom partial charges for the Coulomb prior, or null
     */
    public Tensor energy(Tensor z, Tensor pos, Tensor batch, long molecules, Tensor box, Tensor charge, Tensor partialCharges) {
        Tensor chargeScale = charge == null ? null
                : charge.mul(scalar(0.1)).add(scalar(1)).reshape(-1, 1, 1, 1);
        Tensor x = representation.forward(z, pos, batch, box != null ? box : defaultBox(pos), chargeScale);
        PriorInputs in = new PriorInputs(z, pos, batch, molecules, box, partialCharges);
        Tensor atomic = output.preReduce(x).mul(std);
        for (Prior prior : priors) atomic = prior.preReduce(atomic, in);
        // TorchMD-Net scatters with an all-zero batch for a single molecule: the same sequential float sum.
        Tensor molecule = batch != null ? batch : z.new_zeros(z.size(0));
        Tensor e = Ops.scatterAdd(atomic, molecule, molecules);
        if (config.reduceOp().equals("mean")) {
            Tensor counts = torch.bincount(molecule, new org.bytedeco.pytorch.TensorOptional(), molecules);
            e = e.div(counts.unsqueeze(1).to(e.device(), e.scalar_type()));
        }
        e = e.add(mean);
        for (Prior prior : priors) e = prior.postReduce(e, in);
        return e.reshape(-1);
    }

    /** The model's {@code box_vecs} as a tensor like {@code pos}, or null. */
    private Tensor defaultBox(Tensor pos) {
        return config.boxVecs() == null ? null : Ops.matrix3(config.boxVecs(), pos);
    }
}

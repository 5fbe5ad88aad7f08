package org.tensornet4j.model;

import static org.tensornet4j.model.Ops.scalar;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.neighbors.NeighborStrategy;

/**
 * TorchMD-Net's model wrapper ({@code TorchMD_Net}): representation, output head, then per-atom
 * scaling by {@code std}, reduction over each molecule and the shift by {@code mean} (both buffers
 * apply whatever {@code standardize} said at training time).
 */
public final class TorchMDNet implements AutoCloseable {
    private final ModelConfig config;
    private final NeighborStrategy neighbors;
    private final TensorNet representation;
    private final ScalarOutput output;
    private final Tensor mean;
    private final Tensor std;
    private final java.util.List<Tensor> parameters;

    TorchMDNet(ParameterStore p, ModelConfig config, NeighborStrategy neighbors) {
        this.config = config;
        this.neighbors = neighbors;
        this.representation = new TensorNet(p, "representation_model", config, neighbors);
        this.output = new ScalarOutput(p, "output_model", config);
        this.mean = p.get("mean");
        this.std = p.get("std");
        this.parameters = p.handedOut();
    }

    /** Frees the parameters' native memory now rather than whenever the garbage collector runs. */
    @Override
    public void close() {
        for (Tensor t : parameters) t.close();
    }

    public ModelConfig config() { return config; }

    /** How the neighbour list finds its pairs (not a hyper-parameter: it never changes the result). */
    public NeighborStrategy neighborStrategy() { return neighbors; }

    /**
     * Energies per molecule [M], differentiable in the positions (autograd through every stage: for
     * large systems prefer {@link #energyAndGradient}, whose memory stays bounded).
     *
     * @param z         int64 [N]
     * @param pos       [N, 3] in the model dtype, Å
     * @param batch     int64 [N] or null (one molecule)
     * @param molecules M
     * @param box       [3, 3] or null
     * @param charge    total charge per atom [N] (the molecule's, broadcast), or null for neutral
     */
    public Tensor energy(Tensor z, Tensor pos, Tensor batch, long molecules, Tensor box, Tensor charge) {
        NeighborPairs pairs = representation.pairs(pos, batch, box);
        return energyFromFeatures(representation.forward(z, pairs, chargeScale(charge)), batch, molecules);
    }

    /**
     * Energies per molecule and the gradient of their sum with respect to {@code pos} (which must
     * require grad). Systems with more edges than one chunk use {@link ChunkedGradient}, the others
     * plain autograd; both compute the same thing.
     */
    public EnergyAndGradient energyAndGradient(Tensor z, Tensor pos, Tensor batch, long molecules, Tensor box, Tensor charge) {
        return energyAndGradient(z, pos, batch, molecules, box, charge, ChunkedGradient.edgesPerChunk(config.hiddenChannels()));
    }

    /** With a given chunk size, so that tests can compare the chunked and the plain evaluation on small systems. */
    EnergyAndGradient energyAndGradient(Tensor z, Tensor pos, Tensor batch, long molecules, Tensor box, Tensor charge,
                                        long edgesPerChunk) {
        NeighborPairs pairs = representation.pairs(pos, batch, box);
        if (pairs.size() > edgesPerChunk) {
            return new ChunkedGradient(this, representation, edgesPerChunk)
                    .evaluate(z, pos, pairs, batch, molecules, chargeScale(charge));
        }
        Tensor energy = energyFromFeatures(representation.forward(z, pairs, chargeScale(charge)), batch, molecules);
        Tensor gradient = torch.grad(new TensorVector(energy.sum()), new TensorVector(pos)).get(0);
        return new EnergyAndGradient(energy.detach(), gradient);
    }

    /** The charge factor of TensorNet's products, [N, 1, 1, 1] = 1 + 0.1 q, or null for neutral molecules. */
    private static Tensor chargeScale(Tensor charge) {
        return charge == null ? null : charge.mul(scalar(0.1)).add(scalar(1)).reshape(-1, 1, 1, 1);
    }

    /** Output head, scaling by std, reduction per molecule and shift by mean: [M] from features [N, F]. */
    Tensor energyFromFeatures(Tensor features, Tensor batch, long molecules) {
        Tensor atomic = output.preReduce(features).mul(std);
        Tensor e;
        if (batch == null) {
            e = config.reduceOp().equals("mean") ? atomic.mean(0) : atomic.sum(0);
        } else {
            e = Ops.scatterAdd(atomic, batch, molecules);
            if (config.reduceOp().equals("mean")) {
                Tensor counts = torch.bincount(batch, new org.bytedeco.pytorch.TensorOptional(), molecules);
                e = e.div(counts.unsqueeze(1).to(e.device(), e.scalar_type()));
            }
        }
        return e.add(mean).reshape(-1);
    }
}

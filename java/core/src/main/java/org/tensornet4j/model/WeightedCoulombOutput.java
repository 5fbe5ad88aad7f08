package org.tensornet4j.model;

import static org.tensornet4j.torch.Ops.scalar;

import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.neighbors.NeighborList;
import org.tensornet4j.neighbors.NeighborPairs;
import org.tensornet4j.neighbors.PeriodicBox;
import org.tensornet4j.nn.ParameterStore;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.TensorScope;

/**
 * TorchMD-Net's {@code ScalarPlusWeightedCoulomb} output head ({@code output_model.*}): the
 * {@code Scalar} MLP on the features plus, per atom, half the Coulomb energy of each pair it is in,
 * computed from the predicted charges. Every charge channel c gives its own pair energy
 * k q_i,c q_j,c f(r) / r, and the pair energy is their mean weighted by the buffer {@code qweights};
 * f(r) = 1 - exp(-1 / (1 - (r / 4.6 Å)^2)) / e^-1 (clamped) damps short distances, and
 * k = Hartree x Bohr (eV Å, the unit system AceFF is trained in).
 *
 * <p>Without {@code coulomb_cutoff} the sum runs over all pairs of each molecule and ignores any box.
 * With it, the pairs are those within the cutoff (through the box, minimum image, when there is one),
 * and 1/r becomes the reaction-field kernel 1/r + k_rf r^2 - c_rf with k_rf = (eps - 1) / ((2 eps + 1) rc^3),
 * c_rf = 3 eps / ((2 eps + 1) rc), eps = {@code coulomb_epsilon_solvent} (default
 * {@value TensorNet2Settings#REACTION_FIELD_DIELECTRIC}).
 */
final class WeightedCoulombOutput implements OutputModel {
    /** Half of Hartree x Bohr (ASE's constants, as AIMNet2 uses them): each pair is added to both its atoms. */
    static final double HALF_COULOMB_CONSTANT = 0.5 * 27.211386024367243 * 0.5291772105638411;
    private static final double DAMPING_RANGE = 4.6;
    private static final double EXP_MINUS_ONE = 0.36787944117144233;

    private final ScalarOutput scalar;
    private final Tensor qweights;
    private final Double cutoff;
    private final NeighborList coulombPairs;
    private final Integer maxNeighbors;
    private final double epsilon;

    WeightedCoulombOutput(ParameterStore p, String prefix, ModelConfig c) {
        this.scalar = new ScalarOutput(p, prefix, c);
        TensorNet2Settings s = c.tensorNet2();
        this.qweights = p.get(prefix + ".qweights", s.chargeChannels(c.numLayers()));
        this.cutoff = s.coulombCutoff();
        this.maxNeighbors = s.coulombMaxNumNeighbors();
        this.epsilon = s.epsilonSolvent();
        this.coulombPairs = cutoff == null ? null
                : NeighborList.unorderedPairCapacity(0, cutoff, maxNeighbors == null ? Integer.MAX_VALUE : maxNeighbors);
    }

    /** The weight of each charge channel ({@code qweights}, [C]), as the Coulomb term weighs them. */
    @Override
    public Tensor chargeWeights(Tensor channels) {
        return qweights.to(channels.device(), channels.scalar_type());
    }

    /** The Coulomb cutoff (Å), or null for all pairs. */
    Double cutoff() { return cutoff; }

    /**
     * Whether the Coulomb term runs over all pairs of each molecule (no Coulomb cutoff): {@link KernelGradient}
     * then evaluates it with {@link CoulombPairs} ({@link #pairEnergies}) instead of {@link #preReduce}.
     */
    boolean sumsAllPairs() { return cutoff == null; }

    /** Each atom's Coulomb energy over all pairs of its molecule, float64 [N], by {@link CoulombPairs} (no autograd). */
    Tensor pairEnergies(Tensor charges, Tensor pos, Tensor molecule, WorkerThread worker) {
        return CoulombPairs.energies(pos, charges, chargeWeights(charges), molecule, HALF_COULOMB_CONSTANT, worker);
    }

    /** {@link CoulombPairs#gradients} of {@link #pairEnergies}: with respect to the charges and the positions. */
    Tensor[] pairEnergyGradients(Tensor charges, Tensor pos, Tensor molecule, Tensor g, WorkerThread worker) {
        return CoulombPairs.gradients(pos, charges, chargeWeights(charges), molecule, HALF_COULOMB_CONSTANT, g, worker);
    }

    /** Per-atom outputs [N, 1] from the features and each atom's Coulomb energy, float64 [N] ({@link #pairEnergies}). */
    Tensor preReduce(Tensor features, Tensor coulombEnergies) {
        return withCoulomb(scalar.preReduce(features), coulombEnergies);
    }

    /** The scalar head's outputs [N, 1] plus each atom's Coulomb energy [N]. */
    private static Tensor withCoulomb(Tensor scalarOutputs, Tensor coulombEnergies) {
        return scalarOutputs.add(coulombEnergies.unsqueeze(-1));
    }

    /**
     * Without a Coulomb cutoff the head sums over all pairs of a molecule, which has no meaning in a
     * periodic box: TorchMD-Net refuses a box given with the input then, and so does this head
     * (evaluating anyway gave an energy 40 % away from the one with a cutoff). With a cutoff, the box
     * must hold it.
     *
     * @param inputBox the box given with the input, or null
     * @param box      the box the head will use (the input's, else the model's box_vecs), or null
     */
    @Override
    public void validateBox(double[][] inputBox, double[][] box) {
        if (inputBox != null && cutoff == null) throw new IllegalArgumentException(PBC_WITHOUT_CUTOFF);
        if (box != null && cutoff != null) PeriodicBox.validate(box, cutoff);
    }

    static final String PBC_WITHOUT_CUTOFF = "PBC is not supported with coulomb_cutoff = None (TorchMD-Net refuses it too):"
            + " this TensorNet2 model's Coulomb term sums over all pairs and has no periodic form. Fix: give it a Coulomb"
            + " cutoff (reaction field), e.g. 10 Å: --set coulomb_cutoff=10 (tn4j eval), \"hyperparameters\":"
            + " {\"coulomb_cutoff\": 10} (engine configuration), force.setHyperParameter(\"coulomb_cutoff\", \"10\")"
            + " (OpenMM TensorNetForce), or the override coulomb_cutoff=10.0 in TensorNetPotential.load (Java);"
            + " or evaluate without a box";

    /**
     * Per-atom outputs [N, 1].
     *
     * @param features [N, F]
     * @param charges  [N, (num_layers + 1) q_dim]
     * @param molecule int64 [N]
     * @param box      [3, 3] or null
     */
    @Override
    public Tensor preReduce(RepresentationModel.Output representation, ModelInputs in, Tensor box) {
        return preReduce(representation.features(), representation.charges(), in.pos(), in.molecule(), box);
    }

    private Tensor preReduce(Tensor features, Tensor charges, Tensor pos, Tensor molecule, Tensor box) {
        Tensor x = scalar.preReduce(features);
        try (TensorScope scope = TensorScope.open()) {
            Pairs pairs = cutoff == null ? allPairs(pos, molecule) : pairsWithin(pos, molecule, box);
            Tensor d = pairs.vectors().norm(new ScalarOptional(scalar(2)), new long[] {1}, false);
            Tensor qq = Ops.indexSelect(charges, pairs.first()).mul(Ops.indexSelect(charges, pairs.second()));
            Tensor ratio = d.div(scalar(DAMPING_RANGE)).clamp(new ScalarOptional(scalar(0)), new ScalarOptional(scalar(1.0 - 1e-6)));
            // 1 - x^2 as -(x^2 - 1): the reciprocal of -(1 - x^2) is then the exponent directly
            Tensor damping = torch.exp(ratio.square().sub(scalar(1)).reciprocal()).div(scalar(EXP_MINUS_ONE));
            Tensor pairEnergy = damping.neg().add(scalar(1)).mul(kernel(d)).unsqueeze(-1).mul(qq).mul(scalar(HALF_COULOMB_CONSTANT));
            Tensor weighted = pairEnergy.mul(qweights.unsqueeze(0)).sum(new long[] {-1}, false, new ScalarTypeOptional())
                    .div(qweights.sum());
            long n = features.size(0);
            // Each atom sums up to N - 1 pair terms (all pairs of a molecule): in float64, as the energy sums.
            Tensor w = Ops.toDtype(weighted, ScalarType.Double);
            Tensor perAtom = torch.index_add(torch.index_add(w.new_zeros(n), 0, pairs.first(), w), 0, pairs.second(), w);
            return scope.keep(withCoulomb(x, perAtom));
        }
    }

    /** 1/r, or the reaction-field kernel within the cutoff. */
    private Tensor kernel(Tensor d) {
        if (cutoff == null) return d.reciprocal();
        double eps = epsilon;
        double krf = (eps - 1) / (2 * eps + 1) / (cutoff * cutoff * cutoff);
        double crf = 3 * eps / (2 * eps + 1) / cutoff;
        return d.reciprocal().add(d.square().mul(scalar(krf))).sub(scalar(crf));
    }

    /** Unordered pairs (first < second) and their vectors pos_first - pos_second. */
    private record Pairs(Tensor first, Tensor second, Tensor vectors) {}

    /** Every pair of atoms in the same molecule, as TorchMD-Net's upper-triangle indices. */
    private static Pairs allPairs(Tensor pos, Tensor molecule) {
        long n = pos.size(0);
        Tensor ij = torch.triu_indices(n, n, 1, Ops.options(molecule, ScalarType.Long));
        Tensor i = ij.select(0, 0), j = ij.select(0, 1);
        Tensor same = Ops.indexSelect(molecule, i).eq(Ops.indexSelect(molecule, j));
        i = i.masked_select(same);
        j = j.masked_select(same);
        return new Pairs(i, j, Ops.indexSelect(pos, i).sub(Ops.indexSelect(pos, j)));
    }

    /** The pairs within the cutoff, each once, periodic images through the box. */
    private Pairs pairsWithin(Tensor pos, Tensor molecule, Tensor box) {
        NeighborPairs list;
        try {
            list = coulombPairs.build(pos, molecule, box);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().startsWith("too many neighbours")) throw e;
            throw new IllegalArgumentException("Coulomb term: more pairs within coulomb_cutoff (" + cutoff + " A) than"
                    + " coulomb_max_num_neighbors (" + maxNeighbors + ") per atom allow; raise coulomb_max_num_neighbors"
                    + " (a hyper-parameter override) or lower coulomb_cutoff. " + e.getMessage(), e);
        }
        Tensor index = list.index().narrow(1, 0, list.distinctPairs());
        Tensor vectors = list.vectors().narrow(0, 0, list.distinctPairs());
        Tensor once = index.select(0, 0).lt(index.select(0, 1));
        Tensor keep = once.nonzero().select(1, 0);
        Tensor kept = index.index_select(1, keep);
        return new Pairs(kept.select(0, 0), kept.select(0, 1), Ops.indexSelect(vectors, keep));
    }
}

package org.tensornet4j.model;

import java.util.ArrayList;
import java.util.List;
import org.tensornet4j.nn.HyperParameters;

/**
 * The hyper-parameters that only TorchMD-Net's {@code tensornet2} and its output head
 * {@code ScalarPlusWeightedCoulomb} read.
 *
 * @param qDim                   {@code q_dim}: charge channels predicted per charge block (default 16)
 * @param qWeights               {@code q_weights}: one weight per charge block (num_layers + 1), each a
 *                               number or q_dim numbers; null when the head is not the Coulomb head.
 *                               TorchMD-Net stores the expanded weights as the buffer
 *                               {@code output_model.qweights}, which is what the energy uses.
 * @param coulombCutoff          {@code coulomb_cutoff} (Å): null sums the Coulomb term over all pairs of
 *                               each molecule (no box); a number uses the pairs within it, through the
 *                               box if there is one, with a reaction-field correction
 * @param coulombMaxNumNeighbors {@code coulomb_max_num_neighbors}: the capacity of the Coulomb
 *                               neighbour list per atom (more pairs are an error); null: no limit
 * @param epsilonSolvent         {@code coulomb_epsilon_solvent}: relative permittivity beyond the Coulomb
 *                               cutoff in the reaction-field correction (TorchMD-Net's default 78.3)
 */
public record TensorNet2Settings(int qDim, List<Object> qWeights, Double coulombCutoff, Integer coulombMaxNumNeighbors,
                                 double epsilonSolvent) {

    /** TorchMD-Net's default relative permittivity beyond the Coulomb cutoff (water). */
    public static final double REACTION_FIELD_DIELECTRIC = 78.3;

    static TensorNet2Settings from(HyperParameters h, boolean coulombHead, int numLayers) {
        int qDim = (int) h.integer("q_dim", 16L);
        if (qDim < 1) throw new IllegalArgumentException("hyper-parameter 'q_dim' must be >= 1, got " + qDim);
        List<Object> weights = null;
        if (coulombHead) {
            Object raw = h.raw("q_weights");
            if (raw == null) {
                throw new IllegalArgumentException("output_model ScalarPlusWeightedCoulomb needs the hyper-parameter 'q_weights'"
                        + " (one weight per charge block: num_layers + 1 = " + (numLayers + 1) + " entries)");
            }
            if (!(raw instanceof List<?> list) || list.size() != numLayers + 1) {
                throw new IllegalArgumentException("hyper-parameter 'q_weights' is " + raw + " but must be a list of num_layers + 1 = "
                        + (numLayers + 1) + " weights, one per charge block");
            }
            weights = new ArrayList<>(list);
        }
        Double cutoff = null;
        Object c = h.raw("coulomb_cutoff");
        if (c != null) {
            cutoff = HyperParameters.asReal(c);
            if (cutoff == null || !(cutoff > 0) || cutoff.isInfinite()) {
                throw new IllegalArgumentException("hyper-parameter 'coulomb_cutoff' is " + c
                        + " but must be a positive distance in Å (or None for all pairs)");
            }
        }
        Integer maxNeighbors = null;
        Object m = h.raw("coulomb_max_num_neighbors");
        if (m != null) {
            Long n = HyperParameters.asInteger(m);
            if (n == null || n < 1 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("hyper-parameter 'coulomb_max_num_neighbors' is " + m + " but must be a positive integer");
            }
            maxNeighbors = n.intValue();
        }
        double epsilon = h.real("coulomb_epsilon_solvent", REACTION_FIELD_DIELECTRIC);
        if (!(epsilon >= 1) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("hyper-parameter 'coulomb_epsilon_solvent' is " + epsilon
                    + " but must be a relative permittivity >= 1 (TorchMD-Net's default: " + REACTION_FIELD_DIELECTRIC + ")");
        }
        return new TensorNet2Settings(qDim, weights, cutoff, maxNeighbors, epsilon);
    }

    /** Number of charge channels the representation hands to the output head: (num_layers + 1) x q_dim. */
    public int chargeChannels(int numLayers) {
        return (numLayers + 1) * qDim;
    }
}

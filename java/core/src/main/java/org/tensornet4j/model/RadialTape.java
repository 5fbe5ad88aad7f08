package org.tensornet4j.model;

import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.nn.CosineCutoff;
import org.tensornet4j.torch.NoGrad;

/**
 * One block of a layer's radial weights, the radial MLP's output times the cutoff of the distances,
 * made without autograd ({@link RadialBlocks}, {@link EdgeBlockWeights}), with its backward pass by
 * hand. A worker task hands tensors back, not objects ({@link WorkerThread}), so {@link #run} returns
 * the tape's tensors and {@link #restore} rebuilds the tape from them.
 */
final class RadialTape {
    private final MlpTape mlp;
    private final CosineCutoff cutoffFunction;
    private final Tensor cutoff;
    private final Tensor distances;

    private RadialTape(MlpTape mlp, CosineCutoff cutoffFunction, Tensor cutoff, Tensor distances) {
        this.mlp = mlp;
        this.cutoffFunction = cutoffFunction;
        this.cutoff = cutoff;
        this.distances = distances;
    }

    /** The layer's MLP on {@code input} [rows, in] and its cutoff of {@code distances} [rows]: a tape's tensors. */
    static Tensor[] run(Interaction layer, Tensor input, Tensor distances) {
        try (NoGrad off = NoGrad.enter()) {
            Tensor[] kept = layer.radialTape(input).tensors();
            Tensor[] tensors = Arrays.copyOf(kept, kept.length + 2);
            tensors[kept.length] = layer.cutoff().apply(distances);
            tensors[kept.length + 1] = distances;
            return tensors;
        }
    }

    /** The tape whose tensors {@link #run} returned (the first {@code count} of {@code tensors}: more may follow). */
    static RadialTape restore(Interaction layer, Tensor[] tensors, int count) {
        return new RadialTape(layer.radialTape(Arrays.copyOf(tensors, count - 2)), layer.cutoff(), tensors[count - 2],
                tensors[count - 1]);
    }

    /** The weights [rows, 3 F], into {@code out}. */
    Tensor weights(Tensor out) {
        try (NoGrad off = NoGrad.enter()) {
            return torch.mul_out(out, mlp.output(), cutoff.unsqueeze(1));
        }
    }

    /**
     * The derivative of the weights with respect to the distance, [rows, 3 F], into {@code out}, for an
     * MLP whose input is the radial basis alone (TensorNet): the MLP's tangent along the basis
     * functions' derivatives {@code basisDerivatives} [rows, num_rbf] times the cutoff, plus the output
     * times the cutoff's derivative.
     */
    Tensor distanceTangent(Tensor basisDerivatives, Tensor out) {
        try (NoGrad off = NoGrad.enter()) {
            Tensor viaMlp = mlp.tangent(basisDerivatives).mul_(cutoff.unsqueeze(1));
            Tensor viaCutoff = cutoffFunction.derivative(distances).unsqueeze(1);
            return torch.add_out(out, viaMlp, mlp.output().mul(viaCutoff));
        }
    }

    /** The MLP's output [rows, 3 F], which the cutoff multiplies into the weights. */
    Tensor output() {
        return mlp.output();
    }

    /** The cutoff of each row's distance [rows]. */
    Tensor cutoffValues() {
        return cutoff;
    }

    /**
     * The gradients of the MLP's input [rows, in] and of the distances [rows] given those of the MLP's
     * output, {@code gradOutput} [rows, 3 F], and of the cutoff values, {@code gradCutoff} [rows]
     * ({@link EdgeSums#neighborSumScaledWeightGrads} makes both from the weights' gradient).
     */
    Tensor[] backward(Tensor gradOutput, Tensor gradCutoff) {
        try (NoGrad off = NoGrad.enter()) {
            return new Tensor[] {mlp.inputGrad(gradOutput), gradCutoff.mul(cutoffFunction.derivative(distances))};
        }
    }
}

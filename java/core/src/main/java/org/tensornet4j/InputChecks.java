package org.tensornet4j;

import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.model.ModelConfig;
import org.tensornet4j.neighbors.PeriodicBox;
import org.tensornet4j.torch.Ops;

/**
 * The checks of a model's input that {@link TensorNetPotential}'s array path and its engine path
 * ({@link EnginePath}) share, each failing with the problem and the fix: atomic numbers within
 * max_z, a box that holds the cutoff, finite positions the model's precision resolves.
 */
final class InputChecks {
    private final ModelConfig config;

    InputChecks(ModelConfig config) {
        this.config = config;
    }

    /** Every atomic number must have a row in the model's embedding (0 .. max_z - 1). */
    void atomicNumbers(long[] z) {
        for (int i = 0; i < z.length; i++) {
            long zi = z[i];
            if (zi < 0 || zi >= config.maxZ()) {
                throw new IllegalArgumentException("atomic number " + zi + " of atom " + i + " is outside 0.."
                        + (config.maxZ() - 1) + ", the range this model was trained for (max_z = " + config.maxZ() + ")");
            }
        }
    }

    /** The box the network will use (the input's, else box_vecs) must suit the cutoff. */
    void box(double[][] given) {
        double[][] box = given != null ? given : config.boxVecs();
        if (box != null) PeriodicBox.validate(box, config.cutoffUpper());
    }

    /** The input's box validated for this cutoff as a tensor like {@code positions}, or null (the model may use its box_vecs). */
    Tensor boxTensor(double[][] given, Tensor positions) {
        box(given);
        return given == null ? null : Ops.toDtype(Ops.matrix3(given, positions), config.dtype());
    }

    /**
     * Engine buffers bypass AtomicSystem's checks; a NaN would otherwise come back as NaN forces. One
     * reduction in the common case (the largest |coordinate|, finite when all are, and what the float32
     * range check needs); the atom is looked up only when it is not finite.
     */
    void finiteAndResolvable(Tensor positions) {
        double maxAbs = CoordinateRange.maxAbs(positions);
        if (Double.isFinite(maxAbs)) {
            CoordinateRange.requireResolvable(maxAbs, config.dtype());
            return;
        }
        long atom = Ops.firstNonFiniteRow(positions);
        throw new IllegalArgumentException("position of atom " + atom + " is not finite: check the engine's coordinates");
    }

    /** The positions in the model's dtype on z's device, as a fresh leaf that requires grad. */
    Tensor modelPositions(Tensor positions, Tensor z) {
        return positions.detach().to(z.device(), config.dtype(), false, true, new org.bytedeco.pytorch.MemoryFormatOptional())
                .requires_grad_(true);
    }
}

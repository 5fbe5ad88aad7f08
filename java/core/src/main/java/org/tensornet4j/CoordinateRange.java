package org.tensornet4j;

import java.util.Locale;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Positions arrive in float64 and a float32 model rounds them to float32 first (TorchMD-Net does the
 * same). Far from the origin that rounding eats the interatomic distances: at 1e8 Å a float32
 * coordinate is rounded to a multiple of 8 Å, so bonded atoms land on one point, and well before that
 * the distances, hence energies and forces, are silently off. Such positions are refused up front,
 * named as lost precision rather than by what it breaks later ("atoms 0 and 1 coincide").
 */
final class CoordinateRange {
    /**
     * The largest rounding of a coordinate accepted, in Å: |x| * 2^-24 (half a float32 ulp) reaches it at
     * |x| ≈ 1.7e4 Å, ten times beyond the largest systems simulated (and beyond any unwrapped
     * diffusion in practice), while distance errors stay far below the model's own error.
     */
    static final double TOLERANCE = 1e-3;
    /** Relative rounding of float32 (half an ulp): 2^-24. */
    private static final double HALF_ULP = Math.scalb(1.0, -24);

    private CoordinateRange() {}

    /** For the largest |coordinate| of an input evaluated in {@code dtype}. */
    static void requireResolvable(double maxAbs, ScalarType dtype) {
        if (dtype != ScalarType.Float) return;
        double rounding = maxAbs * HALF_ULP;
        if (rounding <= TOLERANCE) return;
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "positions up to %.3g Å lose precision in float32, the model's precision: a coordinate that large is rounded"
                        + " by up to %.2g Å (more than %.0e Å), which corrupts the distances between atoms; fix: centre the"
                        + " structure near the origin (or wrap it into its periodic box), or evaluate in float64 (a float64"
                        + " model, or --set precision=64)", maxAbs, rounding, TOLERANCE));
    }

    /** The largest |coordinate| of flattened positions. */
    static double maxAbs(double[] coordinates) {
        double max = 0;
        for (double v : coordinates) max = Math.max(max, Math.abs(v));
        return max;
    }

    /** The largest |coordinate| of [N, 3] positions (one reduction; NaN if any is NaN). */
    static double maxAbs(Tensor positions) {
        return positions.abs().max().item_double();
    }
}

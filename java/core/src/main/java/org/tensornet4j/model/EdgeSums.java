package org.tensornet4j.model;

import static org.tensornet4j.model.KernelArgs.floats;
import static org.tensornet4j.model.KernelArgs.indices;
import static org.tensornet4j.model.KernelArgs.data;
import static org.tensornet4j.model.KernelArgs.dtype;
import static org.tensornet4j.model.KernelArgs.ptr;
import static org.tensornet4j.model.KernelArgs.requireOutput;
import static org.tensornet4j.model.KernelArgs.requireShape;

import java.lang.ref.Reference;
import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.torch.Ops;

/**
 * TensorNet's per-edge sums in one native pass each, and their gradients (see
 * {@code native/kernels/cpu/EdgeSums.h}). LibTorch ops make the same sums through
 * [edges, 10, F] temporaries, several per stage and direction; these kernels make each edge's
 * numbers in registers. No autograd: {@link KernelGradient} chains the gradients by hand.
 *
 * <p>Shapes: per-part weights [rows, 3 F] (part-major, as the radial MLPs produce them, one row per
 * edge or per radial row), packed values [rows, 10, F] ({@link IrreducibleTensors.Compact#packed}),
 * components [edges, 10], per-edge channel weights [edges, F]. Index
 * tensors are int64 [edges]. The indices come from the neighbour list and are trusted: this class
 * is for the model's own use. Every tensor must be on the CPU in the dtype of the weights (float32
 * or float64); see {@link KernelArgs#supports}.
 */
final class EdgeSums {
    private static final long PACKED = IrreducibleTensors.PACKED;

    private EdgeSums() {}

    /**
     * out[target[e]] += w[wRow[e]] (per part) * v[vRow[e]] over the edges, into {@code rows} new rows
     * [rows, 10, F].
     *
     * @param wRow the weight row of each edge, or null when row e belongs to edge e
     */
    static Tensor neighborSum(Tensor w, Tensor wRow, Tensor v, Tensor vRow, Tensor target, long rows) {
        Tensor out = Ops.newZeros(v, rows, PACKED, channels(w));
        neighborSumInto(out, w, null, wRow, v, vRow, target);
        return out;
    }

    /**
     * As {@link #neighborSum}, added to {@code out} [rows, 10, F] (contiguous, like the weights): sums
     * over blocks of edges go into one tensor. Targets must be rows of {@code out}. The weights are
     * {@code w} times {@code wScale} [weight rows] per row, or {@code w} itself when it is null.
     */
    static void neighborSumInto(Tensor out, Tensor w, Tensor wScale, Tensor wRow, Tensor v, Tensor vRow, Tensor target) {
        long f = channels(w);
        long edges = edgeCount(target);
        Tensor wc = floats(w, w), vc = floats(v, w);
        Tensor sc = wScale == null ? null : floats(wScale, w);
        if (sc != null) requireShape("weight scales", sc, wc.size(0));
        requireShape("values", vc, -1, PACKED, f);
        requireShape("sums", out, -1, PACKED, f);
        requireOutput("sums", out, wc);
        Tensor wRowc = indices(wRow, edges), vRowc = indices(requireNonNull(vRow, "value rows"), edges),
                targetc = indices(target, edges);
        if (wRowc == null) requireShape("weights", wc, edges, 3 * f);
        NativeKernels.neighborSum(dtype(wc), edges, f, data(wc), sc == null ? null : data(sc), ptr(wRowc), data(vc),
                ptr(vRowc), ptr(targetc), data(out));
        Reference.reachabilityFence(new Object[] {wc, sc, vc, wRowc, vRowc, targetc, out});
    }

    /**
     * out[target[e], k] += w[wRow[e]] (part of k) * ew[e] * comp[e, k] over the edges, into {@code rows}
     * new rows [rows, 10, F]: per-part weights per (radial) row, a weight per edge and channel
     * [edges, F], components [edges, 10].
     */
    static Tensor componentSum(Tensor w, Tensor wRow, Tensor ew, Tensor comp, Tensor target, long rows) {
        long f = channels(w);
        long edges = edgeCount(target);
        Tensor wc = floats(w, w), ewc = floats(ew, w), cc = floats(comp, w);
        requireShape("edge weights", ewc, edges, f);
        requireShape("components", cc, edges, PACKED);
        Tensor wRowc = indices(wRow, edges), targetc = indices(target, edges);
        if (wRowc == null) requireShape("weights", wc, edges, 3 * f);
        Tensor out = Ops.newZeros(wc, rows, PACKED, f);
        NativeKernels.componentSum(dtype(wc), edges, f, data(wc), ptr(wRowc), data(ewc), data(cc), ptr(targetc),
                data(out));
        Reference.reachabilityFence(new Object[] {wc, ewc, cc, wRowc, targetc});
        return out;
    }

    /**
     * For message sums whose weights, one row per edge, are {@code m} [edges, 3 F] times a scale per row
     * {@code s} [edges] ({@link #neighborSumInto} with a scale), given the gradient {@code g} [rows, 10, F]
     * of the sums: the gradients of {@code m} [edges, 3 F] and of {@code s} [edges], in one pass (the
     * weights' gradient, its product with the scale and its dot with {@code m} per row).
     */
    static Tensor[] neighborSumScaledWeightGrads(Tensor g, Tensor target, Tensor v, Tensor vRow, Tensor m, Tensor s) {
        long f = channels(m);
        long edges = edgeCount(target);
        Tensor gc = floats(g, m), vc = floats(v, m), mc = floats(m, m), sc = floats(s, m);
        requireShape("output gradient", gc, -1, PACKED, f);
        requireShape("values", vc, -1, PACKED, f);
        requireShape("weights", mc, edges, 3 * f);
        requireShape("weight scales", sc, edges);
        Tensor targetc = indices(target, edges), vRowc = indices(requireNonNull(vRow, "value rows"), edges);
        Tensor gm = mc.new_empty(edges, 3 * f), gs = mc.new_empty(edges);  // overwritten by the kernel
        NativeKernels.neighborSumScaledWeightGrads(dtype(mc), edges, f, data(gc), ptr(targetc), data(vc), ptr(vRowc),
                data(mc), data(sc), data(gm), data(gs));
        Reference.reachabilityFence(new Object[] {gc, vc, mc, sc, targetc, vRowc});
        return new Tensor[] {gm, gs};
    }

    /**
     * Adds to {@code gradDistances} [weightRows] the gradient of {@link #neighborSum}'s output with
     * respect to one distance per weight row, given the gradient {@code g} [rows, 10, F] of that output
     * and the weights' derivatives with respect to their row's distance, {@code tangents} [weightRows, 3 F]:
     * the weights' gradient (per edge, the sum over each part's packed numbers of {@code g} times
     * {@code v}) times the tangents, summed per row, in one pass.
     */
    static void neighborSumDistanceGradInto(Tensor gradDistances, Tensor g, Tensor target, Tensor v, Tensor vRow,
                                            Tensor wRow, Tensor tangents) {
        long f = channels(tangents);
        long edges = edgeCount(target);
        Tensor gc = floats(g, tangents), vc = floats(v, tangents), tc = floats(tangents, tangents);
        requireShape("output gradient", gc, -1, PACKED, f);
        requireShape("values", vc, -1, PACKED, f);
        requireShape("distance gradients", gradDistances, tc.size(0));
        requireOutput("distance gradients", gradDistances, tc);
        Tensor targetc = indices(target, edges), vRowc = indices(requireNonNull(vRow, "value rows"), edges),
                wRowc = indices(wRow, edges);
        if (wRowc == null) requireShape("tangents", tc, edges, 3 * f);
        NativeKernels.neighborSumDistanceGrad(dtype(gc), edges, f, data(gc), ptr(targetc), data(vc), ptr(vRowc),
                ptr(wRowc), data(tc), data(gradDistances));
        Reference.reachabilityFence(new Object[] {gc, vc, tc, targetc, vRowc, wRowc, gradDistances});
    }

    /**
     * The gradients of {@link #componentSum} with respect to its weights (accumulated per weight row:
     * edges that share one add up), edge weights [edges, F] and components [edges, 10], given the
     * gradient {@code g} [rows, 10, F] of its output.
     */
    static Tensor[] componentSumGrads(Tensor g, Tensor target, Tensor w, Tensor wRow, Tensor ew, Tensor comp) {
        long f = channels(w);
        long edges = edgeCount(target);
        Tensor gc = floats(g, w), wc = floats(w, w), ewc = floats(ew, w), cc = floats(comp, w);
        requireShape("output gradient", gc, -1, PACKED, f);
        requireShape("edge weights", ewc, edges, f);
        requireShape("components", cc, edges, PACKED);
        Tensor wRowc = indices(wRow, edges), targetc = indices(target, edges);
        if (wRowc == null) requireShape("weights", wc, edges, 3 * f);
        Tensor gw = Ops.newZeros(wc, wc.size(0), 3 * f);
        Tensor gew = wc.new_empty(edges, f);  // overwritten by the kernel
        Tensor gcomp = wc.new_empty(edges, PACKED);
        NativeKernels.componentSumGrads(dtype(wc), edges, f, data(gc), ptr(targetc), data(wc), ptr(wRowc), data(ewc),
                data(cc), data(gw), data(gew), data(gcomp));
        Reference.reachabilityFence(new Object[] {gc, wc, ewc, cc, wRowc, targetc});
        return new Tensor[] {gw, gew, gcomp};
    }

    /** F, from weights [rows, 3 F]. */
    private static long channels(Tensor w) {
        if (w.dim() != 2 || w.size(1) % 3 != 0) {
            throw new IllegalArgumentException("per-part weights must be [rows, 3 F], got " + Arrays.toString(Ops.shape(w)));
        }
        return w.size(1) / 3;
    }

    private static Tensor requireNonNull(Tensor t, String what) {
        if (t == null) throw new IllegalArgumentException(what + " are required");
        return t;
    }

    private static long edgeCount(Tensor target) {
        if (target.dim() != 1) throw new IllegalArgumentException("edge targets must be [edges], got " + Arrays.toString(Ops.shape(target)));
        return target.size(0);
    }
}

package org.tensornet4j.model;

import static org.tensornet4j.torch.Ops.scalar;

import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.torch.Constants;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.TensorScope;

/**
 * The 3x3 tensor algebra of TensorNet. A rank-2 tensor X splits into its isotropic part I (trace/3
 * times identity), antisymmetric part A and symmetric traceless part S. Full tensors carry two
 * trailing [3, 3] dimensions; everything before them is batch (atoms, edges, channels).
 *
 * <p>The split and its inverse are linear maps between the 9 entries of X and the 10 numbers of the
 * {@link Compact} form, applied as one small matrix product each: a handful of large ops instead of
 * dozens of small ones (each op has a fixed cost, and a backward pass of its own).
 */
final class IrreducibleTensors {
    private static final double THIRD = 1.0 / 3.0;

    /**
     * X (row-major x00, x01, .., x22) to compact (iso, vec0..2, sxx, syy, szz, sxy, sxz, syz), one row
     * per compact number: iso = trace/3, A = (X - X^T)/2 = skew(vec) and S = (X + X^T)/2 - iso 1.
     */
    private static final double[][] SPLIT = {
        // x00, x01, x02, x10, x11, x12, x20, x21, x22
        {THIRD, 0, 0, 0, THIRD, 0, 0, 0, THIRD},             // iso
        {0, 0, 0, 0, 0, -0.5, 0, 0.5, 0},                     // vec0 = a21
        {0, 0, 0.5, 0, 0, 0, -0.5, 0, 0},                     // vec1 = a02
        {0, -0.5, 0, 0.5, 0, 0, 0, 0, 0},                     // vec2 = a10
        {2 * THIRD, 0, 0, 0, -THIRD, 0, 0, 0, -THIRD},        // sxx
        {-THIRD, 0, 0, 0, 2 * THIRD, 0, 0, 0, -THIRD},        // syy
        {-THIRD, 0, 0, 0, -THIRD, 0, 0, 0, 2 * THIRD},        // szz
        {0, 0.5, 0, 0.5, 0, 0, 0, 0, 0},                      // sxy
        {0, 0, 0.5, 0, 0, 0, 0.5, 0, 0},                      // sxz
        {0, 0, 0, 0, 0, 0.5, 0, 0.5, 0},                      // syz
    };

    /**
     * The inverse, one row per entry of X: X = iso 1 + skew(vec) + S, where skew(v) has rows
     * (0, -v2, v1), (v2, 0, -v0), (-v1, v0, 0).
     */
    private static final double[][] JOIN = {
        // iso, v0, v1, v2, sxx, syy, szz, sxy, sxz, syz
        {1, 0, 0, 0, 1, 0, 0, 0, 0, 0},   // x00
        {0, 0, 0, -1, 0, 0, 0, 1, 0, 0},  // x01
        {0, 0, 1, 0, 0, 0, 0, 0, 1, 0},   // x02
        {0, 0, 0, 1, 0, 0, 0, 1, 0, 0},   // x10
        {1, 0, 0, 0, 0, 1, 0, 0, 0, 0},   // x11
        {0, -1, 0, 0, 0, 0, 0, 0, 0, 1},  // x12
        {0, 0, -1, 0, 0, 0, 0, 0, 1, 0},  // x20
        {0, 1, 0, 0, 0, 0, 0, 0, 0, 1},   // x21
        {1, 0, 0, 0, 0, 0, 1, 0, 0, 0},   // x22
    };

    /** The rows of {@link #SPLIT} that give S (sxx .. syz). */
    private static final double[][] SYM_OF_SPLIT = java.util.Arrays.copyOfRange(SPLIT, 4, 10);

    /** Squared Frobenius norm of S from its six components: off-diagonal entries appear twice. */
    private IrreducibleTensors() {}

    /**
     * Symmetric traceless part of the outer product v v^T in compact form ([.., 3] -> [.., 6], see
     * {@link Compact}): v_k^2 - |v|^2/3 on the diagonal, v_i v_j off it. The outer product times the
     * S rows of {@link #SPLIT}: two ops and their two backward steps, where the fifteen products,
     * sums and the stack of the six components were ~90 ops forward and backward per step.
     */
    static Tensor symmetricOuter(Tensor v) {
        Tensor outer = v.unsqueeze(-1).mul(v.unsqueeze(-2)).flatten(-2, -1);
        return torch.matmul(outer, transposed(SYM_OF_SPLIT, v));
    }

    /**
     * The gradient of v [.., 3] given that of {@link #symmetricOuter}'s output {@code g} [.., 6]: with
     * A = the 3x3 matrix of g M (M the S rows of {@link #SPLIT}), g . S(v) = v^T A v, so it is (A + A^T) v.
     */
    static Tensor symmetricOuterGrad(Tensor v, Tensor g) {
        Tensor a = torch.matmul(g, transposed(SYM_OF_SPLIT, v).t()).unflatten(-1, 3, 3);
        return torch.matmul(a.add(a.transpose(-1, -2)), v.unsqueeze(-1)).squeeze(-1);
    }

    /**
     * The three parts in compact form: the isotropic part as its scalar (trace/3, [..]), the
     * antisymmetric part as the vector v with A = skew(v) ([.., 3]) and the symmetric traceless
     * part as its six independent components xx, yy, zz, xy, xz, yz ([.., 6]). Edge-wise work on
     * the compact form moves 10 numbers per channel instead of 27; all operations TensorNet applies
     * per part (channel mixing, scaling per channel) act on the compact form directly.
     */
    record Compact(Tensor iso, Tensor vec, Tensor sym, Tensor packedSource) {
        /**
         * @param packedSource the packed tensor [n, 10, F] that the three parts are views of
         *                     ({@link #unpack}), so that {@link #packed} returns it instead of a copy; or null
         */
        Compact {}

        Compact(Tensor iso, Tensor vec, Tensor sym) {
            this(iso, vec, sym, null);
        }

        /** iso 1 + skew(vec) + S, [.., 3, 3]. */
        Tensor full() {
            Tensor packed = Ops.cat(-1, iso.unsqueeze(-1), vec, sym);
            return torch.matmul(packed, transposed(JOIN, packed)).unflatten(-1, 3, 3);
        }

        /**
         * Squared norms of the three full parts, each [..]: 3 iso^2, 2 |vec|^2 and |S|^2, where the
         * off-diagonal components of S count twice: the sum of all six squares plus that of the last
         * three. (A product with the weights (1, 1, 1, 2, 2, 2) instead made LibTorch loop over the
         * atoms for strided S: ~170 ops per call for alanine dipeptide, forward and again backward.)
         */
        Tensor[] squaredNorms() {
            Tensor symSquares = sym.square();
            Tensor offDiagonal = sumLast(symSquares.narrow(-1, 3, 3));
            return new Tensor[] {iso.square().mul(scalar(3)), sumLast(vec.square()).mul(scalar(2)),
                sumLast(symSquares).add(offDiagonal)};
        }

        /** Mixes channels (dimension 1) of each part with its own bias-free weight [F', F]. */
        Compact mix(Tensor wIso, Tensor wVec, Tensor wSym) {
            return new Compact(torch.linear(iso, wIso), mixVectorChannels(vec, wVec), mixVectorChannels(sym, wSym));
        }

        /** Each part times its own per-channel factor ([.., F] each). */
        Compact scale(Tensor isoFactor, Tensor vecFactor, Tensor symFactor) {
            return new Compact(iso.mul(isoFactor), vec.mul(vecFactor.unsqueeze(-1)), sym.mul(symFactor.unsqueeze(-1)));
        }

        Compact add(Compact other) {
            return new Compact(iso.add(other.iso), vec.add(other.vec), sym.add(other.sym));
        }

        /** The three tensors, in this order (for autograd calls that take lists). */
        Tensor[] tensors() {
            return new Tensor[] {iso, vec, sym};
        }

        /**
         * The ten numbers per channel in one tensor [n, 10, F] (iso, vec0..2, the six of S), for
         * per-edge work that treats all ten alike: one gather, product and sum instead of three.
         * Requires [n, F], [n, F, 3], [n, F, 6].
         */
        Tensor packed() {
            if (packedSource != null) return packedSource;
            return Ops.cat(1, iso.unsqueeze(1), vec.transpose(1, 2), sym.transpose(1, 2));
        }

        /** The inverse of {@link #packed}: views of {@code packed} [n, 10, F]. */
        static Compact unpack(Tensor packed) {
            return new Compact(packed.select(1, 0), packed.narrow(1, 1, 3).transpose(1, 2),
                    packed.narrow(1, 4, 6).transpose(1, 2), packed);
        }

        /** Moves the tensors to the scope enclosing {@code scope}; returns this. */
        Compact keepIn(TensorScope scope) {
            scope.keep(iso, vec, sym);
            if (packedSource != null) scope.keep(packedSource);
            return this;
        }
    }

    /** For each of the ten packed numbers (see {@link Compact#packed}), its part: 0 = I, 1 = A, 2 = S. */
    private static final long[] PART_OF_PACKED = {0, 1, 1, 1, 2, 2, 2, 2, 2, 2};

    /** Numbers per channel in the packed form. */
    static final long PACKED = PART_OF_PACKED.length;

    /**
     * For each row r of {@code rows} (int64 [e]) of a tensor of per-part factors [u, 3, F] viewed as
     * [u * 3, F]: the rows of r's ten packed numbers, r * 3 + their part, [e * 10] per tensor of rows.
     */
    static Tensor[] packedPartRows(Tensor... rows) {
        Tensor parts = Tensor.create(PART_OF_PACKED).to(rows[0].device(), org.bytedeco.pytorch.global.torch.ScalarType.Long);
        Tensor[] packed = new Tensor[rows.length];
        for (int i = 0; i < rows.length; i++) packed[i] = rows[i].unsqueeze(1).mul(Ops.integer(3)).add(parts).flatten();
        return packed;
    }

    /** The compact parts of X [.., 3, 3]. */
    static Compact decomposeCompact(Tensor x) {
        Tensor packed = torch.matmul(x.flatten(-2, -1), transposed(SPLIT, x));
        return new Compact(packed.select(-1, 0), packed.narrow(-1, 1, 3), packed.narrow(-1, 4, 6));
    }

    /** Sum of squares over the two matrix dimensions ("norm" in TensorNet: no square root). */
    static Tensor squaredNorm(Tensor x) {
        return x.square().sum(new long[] {-2, -1}, false, new ScalarTypeOptional());
    }

    /**
     * Mixes channels of [N, F, k] tensors (k components per channel) with a bias-free linear layer
     * weight [F', F]. The components are laid out channel-last first, [N k, F], so that the mix is one
     * matrix product: on the strided [N, k, F] view LibTorch ran one small product per atom
     * (166 of them per mix for chignolin: ~30 ms of its 160 ms step).
     */
    static Tensor mixVectorChannels(Tensor x, Tensor weight) {
        long n = x.size(0), k = x.size(2);
        Tensor rows = x.transpose(1, 2).reshape(n * k, x.size(1));
        return torch.linear(rows, weight).view(n, k, weight.size(0)).transpose(1, 2);
    }

    private static Tensor sumLast(Tensor t) {
        return t.sum(new long[] {-1}, false, new ScalarTypeOptional());
    }

    /** M^T for the linear map M (given by its rows), in the dtype and on the device of {@code like}: y = x M^T. */
    private static Tensor transposed(double[][] m, Tensor like) {
        ScalarType dtype = like.scalar_type().intern();
        if (like.is_cpu() && (dtype == ScalarType.Float || dtype == ScalarType.Double)) {
            return (m == SPLIT ? SPLIT_T : m == JOIN ? JOIN_T : SYM_OF_SPLIT_T).get(dtype);
        }
        return build(m, like.device(), dtype);
    }

    private static Tensor build(double[][] m, org.bytedeco.pytorch.Device device, ScalarType dtype) {
        int r = m.length, c = m[0].length;
        double[] flat = new double[r * c];
        for (int i = 0; i < r; i++) System.arraycopy(m[i], 0, flat, i * c, c);
        return Tensor.create(flat, r, c).to(device, dtype).t();
    }

    /**
     * M^T of {@link #SPLIT}, {@link #JOIN} or {@link #SYM_OF_SPLIT} on the CPU, made once per dtype and kept for the life of
     * the process (a few hundred bytes): made per call they were four LibTorch ops and an allocation
     * at every split and join, which for small molecules cost more than the products themselves.
     */
    private static final class CpuConstant {
        private final double[][] m;
        private Tensor float32, float64;

        CpuConstant(double[][] m) { this.m = m; }

        synchronized Tensor get(ScalarType dtype) {
            if (dtype == ScalarType.Float) return float32 != null ? float32 : (float32 = make(ScalarType.Float));
            return float64 != null ? float64 : (float64 = make(ScalarType.Double));
        }

        private Tensor make(ScalarType dtype) {
            return Constants.owned(() -> build(m, new org.bytedeco.pytorch.Device("cpu"), dtype));
        }
    }

    private static final CpuConstant SPLIT_T = new CpuConstant(SPLIT);
    private static final CpuConstant JOIN_T = new CpuConstant(JOIN);
    private static final CpuConstant SYM_OF_SPLIT_T = new CpuConstant(SYM_OF_SPLIT);
}

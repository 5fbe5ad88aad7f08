package org.tensornet4j.model;

import static org.tensornet4j.model.Ops.expand2;
import static org.tensornet4j.model.Ops.scalar;
import static org.tensornet4j.model.Ops.stack;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The 3x3 tensor algebra of TensorNet. A rank-2 tensor X splits into its isotropic part I (trace/3
 * times identity), antisymmetric part A and symmetric traceless part S. Tensors carry two trailing
 * [3, 3] dimensions; everything before them is batch (atoms, edges, channels).
 */
final class IrreducibleTensors {
    private IrreducibleTensors() {}

    /** Skew-symmetric matrix of v ([.., 3] -> [.., 3, 3]): rows (0, -v2, v1), (v2, 0, -v0), (-v1, v0, 0). */
    static Tensor skew(Tensor v) {
        Tensor x = v.select(-1, 0), y = v.select(-1, 1), z = v.select(-1, 2);
        Tensor zero = torch.zeros_like(x);
        Tensor flat = stack(-1, zero, z.neg(), y, z, zero, x.neg(), y.neg(), x, zero);
        return flat.unflatten(-1, 3, 3);
    }

    /** Symmetric traceless part of the outer product v v^T ([.., 3] -> [.., 3, 3]). */
    static Tensor symmetricOuter(Tensor v) {
        Tensor outer = v.unsqueeze(-1).mul(v.unsqueeze(-2));
        return traceless(outer);
    }

    /** X - trace(X)/3 * identity, for a symmetric X. */
    static Tensor traceless(Tensor symmetric) {
        Tensor mean = symmetric.diagonal(0, -2, -1).mean(-1);
        return symmetric.sub(expand2(mean).mul(eye(symmetric)));
    }

    /** Identity [3, 3] with the dtype and device of t. */
    static Tensor eye(Tensor t) {
        return torch.eye(3, Ops.options(t, t.scalar_type()));
    }

    /** The three irreducible parts of X. */
    record Parts(Tensor i, Tensor a, Tensor s) {
        Tensor sum() { return i.add(a).add(s); }
    }

    static Parts decompose(Tensor x) {
        Tensor trace = x.diagonal(0, -2, -1).mean(-1);
        Tensor i = expand2(trace).mul(eye(x));
        Tensor xt = x.transpose(-2, -1);
        Tensor a = x.sub(xt).mul(scalar(0.5));
        Tensor s = x.add(xt).mul(scalar(0.5)).sub(i);
        return new Parts(i, a, s);
    }

    /**
     * The same split in compact form: the isotropic part as its scalar (trace/3, [..]), the
     * antisymmetric part as the vector v with A = skew(v) ([.., 3]) and the symmetric traceless
     * part as a matrix. Edge-wise work on the compact form moves 13 numbers instead of 27.
     */
    record Compact(Tensor iso, Tensor vec, Tensor sym) {
        /** iso * identity + skew(vec) + sym. */
        Tensor full() {
            return expand2(iso).mul(eye(sym)).add(skew(vec)).add(sym);
        }

        /** Squared norms of the three parts, each [..]: 3 iso^2, 2 |vec|^2, sum of sym^2. */
        Tensor[] squaredNorms() {
            return new Tensor[] {
                iso.square().mul(scalar(3)),
                vec.square().sum(new long[] {-1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()).mul(scalar(2)),
                squaredNorm(sym)
            };
        }

        /** Mixes channels (dimension 1) of each part with its own bias-free weight. */
        Compact mix(Tensor wIso, Tensor wVec, Tensor wSym) {
            return new Compact(torch.linear(iso, wIso),
                    torch.linear(vec.transpose(1, 2), wVec).transpose(1, 2),
                    mixChannels(sym, wSym));
        }
    }

    static Compact decomposeCompact(Tensor x) {
        Tensor iso = x.diagonal(0, -2, -1).mean(-1);
        Tensor xt = x.transpose(-2, -1);
        Tensor a = x.sub(xt).mul(scalar(0.5));
        Tensor vec = stack(-1, element(a, 2, 1), element(a, 0, 2), element(a, 1, 0));
        Tensor sym = x.add(xt).mul(scalar(0.5)).sub(expand2(iso).mul(eye(x)));
        return new Compact(iso, vec, sym);
    }

    private static Tensor element(Tensor m, int row, int col) {
        return m.select(-2, row).select(-1, col);
    }

    /** Sum of squares over the two matrix dimensions ("norm" in TensorNet: no square root). */
    static Tensor squaredNorm(Tensor x) {
        return x.square().sum(new long[] {-2, -1}, false, new org.bytedeco.pytorch.ScalarTypeOptional());
    }

    /** Mixes channels of [N, F, 3, 3] tensors with a bias-free linear layer weight [F', F]. */
    static Tensor mixChannels(Tensor x, Tensor weight) {
        return torch.linear(x.permute(0, 2, 3, 1), weight).permute(0, 3, 1, 2);
    }
}

package org.tensornet4j.model;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.torch.NoGrad;

/**
 * The embedding's pair features emb2(cat(emb[a], emb[b])) for every pair of atom types a, b, row
 * a * max_z + b: they do not depend on positions, so at inference time an edge's features are a
 * row lookup instead of an [edges, 2F] x [2F, F] matrix product per step. Computed on first use and
 * again whenever a weight changed in place (its version counter moved); not used while a weight
 * requires grad (training needs the product's own gradient).
 */
final class PairEmbeddingTable {
    private final Tensor emb;
    private final Linear emb2;
    private Tensor table;
    private long[] versions;

    PairEmbeddingTable(Tensor emb, Linear emb2) {
        this.emb = emb;
        this.emb2 = emb2;
    }

    /** Whether lookups give the same values and gradients as the matrix product (no weight requires grad). */
    boolean usable() {
        return !emb.requires_grad() && !emb2.weight.requires_grad() && (emb2.bias == null || !emb2.bias.requires_grad());
    }

    /** [max_z * max_z, F], up to date with the weights. */
    synchronized Tensor get() {
        long[] now = weightVersions();
        if (table == null || !java.util.Arrays.equals(now, versions)) {
            if (table != null) table.close();
            table = compute();
            versions = now;
        }
        return table;
    }

    synchronized void close() {
        if (table != null) table.close();
        table = null;
    }

    private long[] weightVersions() {
        return new long[] {emb._version(), emb2.weight._version(), emb2.bias == null ? 0 : emb2.bias._version()};
    }

    /** The table, owned by this object (not by the step's scope that happens to be open). */
    private Tensor compute() {
        try (PointerScope scope = new PointerScope(); NoGrad off = NoGrad.enter()) {
            long types = emb.size(0);
            // Row a * types + b pairs receiver type a with sender type b, as the edges' lookup index does.
            Tensor receivers = emb.repeat_interleave(types, new LongOptional(0), new LongOptional());
            Tensor senders = emb.repeat(types, 1);
            Tensor result = emb2.apply(Ops.cat(1, receivers, senders));
            result.retainReference();
            scope.detach(result);
            return result;
        }
    }
}

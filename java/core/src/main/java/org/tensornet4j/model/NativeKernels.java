package org.tensornet4j.model;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Const;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * The native mapping of TensorNet's kernels, and nothing else: {@code native/include/tensornet4j/EdgeSums.h}
 * and {@code AtomUpdate.h}, compiled by JavaCPP into {@code libjniNativeKernels.so} next to this
 * class. Callers use {@link EdgeSums} and {@link AtomUpdate}, which check tensors and pass their
 * memory; the headers say what each function computes.
 */
@Platform(include = {"tensornet4j/EdgeSums.h", "tensornet4j/AtomUpdate.h"})
final class NativeKernels {
    static {
        Loader.load();
    }

    private NativeKernels() {}

    // ---- tensornet4j::edge_sums

    @Name("tensornet4j::edge_sums::neighbourSum")
    static native void neighbourSum(long edges, long channels, @Const FloatPointer w, @Cast("const int64_t*") LongPointer wRow,
                                    @Const FloatPointer v, @Cast("const int64_t*") LongPointer vRow,
                                    @Cast("const int64_t*") LongPointer target, FloatPointer out);

    @Name("tensornet4j::edge_sums::neighbourSum")
    static native void neighbourSum(long edges, long channels, @Const DoublePointer w, @Cast("const int64_t*") LongPointer wRow,
                                    @Const DoublePointer v, @Cast("const int64_t*") LongPointer vRow,
                                    @Cast("const int64_t*") LongPointer target, DoublePointer out);

    @Name("tensornet4j::edge_sums::componentSum")
    static native void componentSum(long edges, long channels, @Const FloatPointer w, @Cast("const int64_t*") LongPointer wRow,
                                    @Const FloatPointer ew, @Const FloatPointer comp,
                                    @Cast("const int64_t*") LongPointer target, FloatPointer out);

    @Name("tensornet4j::edge_sums::componentSum")
    static native void componentSum(long edges, long channels, @Const DoublePointer w, @Cast("const int64_t*") LongPointer wRow,
                                    @Const DoublePointer ew, @Const DoublePointer comp,
                                    @Cast("const int64_t*") LongPointer target, DoublePointer out);

    @Name("tensornet4j::edge_sums::neighbourSumWeightGrad")
    static native void neighbourSumWeightGrad(long edges, long channels, @Const FloatPointer g,
                                              @Cast("const int64_t*") LongPointer target, @Const FloatPointer v,
                                              @Cast("const int64_t*") LongPointer vRow, @Cast("const int64_t*") LongPointer wRow,
                                              FloatPointer gw);

    @Name("tensornet4j::edge_sums::neighbourSumWeightGrad")
    static native void neighbourSumWeightGrad(long edges, long channels, @Const DoublePointer g,
                                              @Cast("const int64_t*") LongPointer target, @Const DoublePointer v,
                                              @Cast("const int64_t*") LongPointer vRow, @Cast("const int64_t*") LongPointer wRow,
                                              DoublePointer gw);

    @Name("tensornet4j::edge_sums::componentSumGrads")
    static native void componentSumGrads(long edges, long channels, @Const FloatPointer g,
                                         @Cast("const int64_t*") LongPointer target, @Const FloatPointer w,
                                         @Cast("const int64_t*") LongPointer wRow, @Const FloatPointer ew,
                                         @Const FloatPointer comp, FloatPointer gw, FloatPointer gew, FloatPointer gcomp);

    @Name("tensornet4j::edge_sums::componentSumGrads")
    static native void componentSumGrads(long edges, long channels, @Const DoublePointer g,
                                         @Cast("const int64_t*") LongPointer target, @Const DoublePointer w,
                                         @Cast("const int64_t*") LongPointer wRow, @Const DoublePointer ew,
                                         @Const DoublePointer comp, DoublePointer gw, DoublePointer gew, DoublePointer gcomp);

    // ---- tensornet4j::atom_update

    @Name("tensornet4j::atom_update::normalisedInput")
    static native void normalisedInput(long atoms, long channels, @Const FloatPointer x, FloatPointer xn, FloatPointer c);

    @Name("tensornet4j::atom_update::normalisedInput")
    static native void normalisedInput(long atoms, long channels, @Const DoublePointer x, DoublePointer xn, DoublePointer c);

    @Name("tensornet4j::atom_update::normalisedInputVjp")
    static native void normalisedInputVjp(long atoms, long channels, @Const FloatPointer x, @Const FloatPointer gxn,
                                          @Const FloatPointer gc, FloatPointer gx);

    @Name("tensornet4j::atom_update::normalisedInputVjp")
    static native void normalisedInputVjp(long atoms, long channels, @Const DoublePointer x, @Const DoublePointer gxn,
                                          @Const DoublePointer gc, DoublePointer gx);

    @Name("tensornet4j::atom_update::normalisedProducts")
    static native void normalisedProducts(long atoms, long channels, @Const FloatPointer m, @Const FloatPointer y,
                                          @Const FloatPointer scale, boolean o3, FloatPointer c);

    @Name("tensornet4j::atom_update::normalisedProducts")
    static native void normalisedProducts(long atoms, long channels, @Const DoublePointer m, @Const DoublePointer y,
                                          @Const DoublePointer scale, boolean o3, DoublePointer c);

    @Name("tensornet4j::atom_update::normalisedProductsVjp")
    static native void normalisedProductsVjp(long atoms, long channels, @Const FloatPointer gc, @Const FloatPointer m,
                                             @Const FloatPointer y, @Const FloatPointer scale, boolean o3,
                                             FloatPointer gm, FloatPointer gy);

    @Name("tensornet4j::atom_update::normalisedProductsVjp")
    static native void normalisedProductsVjp(long atoms, long channels, @Const DoublePointer gc, @Const DoublePointer m,
                                             @Const DoublePointer y, @Const DoublePointer scale, boolean o3,
                                             DoublePointer gm, DoublePointer gy);

    @Name("tensornet4j::atom_update::layerOutput")
    static native void layerOutput(long atoms, long channels, @Const FloatPointer x, @Const FloatPointer d,
                                   @Const FloatPointer scale, FloatPointer out);

    @Name("tensornet4j::atom_update::layerOutput")
    static native void layerOutput(long atoms, long channels, @Const DoublePointer x, @Const DoublePointer d,
                                   @Const DoublePointer scale, DoublePointer out);

    @Name("tensornet4j::atom_update::layerOutputVjp")
    static native void layerOutputVjp(long atoms, long channels, @Const FloatPointer gout, @Const FloatPointer d,
                                      @Const FloatPointer scale, FloatPointer gd);

    @Name("tensornet4j::atom_update::layerOutputVjp")
    static native void layerOutputVjp(long atoms, long channels, @Const DoublePointer gout, @Const DoublePointer d,
                                      @Const DoublePointer scale, DoublePointer gd);
}

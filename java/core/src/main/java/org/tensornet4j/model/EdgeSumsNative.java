package org.tensornet4j.model;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Const;
import org.bytedeco.javacpp.annotation.Namespace;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * The native mapping of {@code native/include/tensornet4j/EdgeSums.h}, and nothing else: JavaCPP
 * compiles it into {@code libjniEdgeSumsNative.so} next to this class. Callers use {@link EdgeSums},
 * which checks tensors and passes their memory; see the header for what each function computes.
 */
@Platform(include = "tensornet4j/EdgeSums.h")
@Namespace("tensornet4j::edge_sums")
final class EdgeSumsNative {
    static {
        Loader.load();
    }

    private EdgeSumsNative() {}

    static native void neighbourSum(long edges, long channels, @Const FloatPointer w, @Cast("const int64_t*") LongPointer wRow,
                                    @Const FloatPointer v, @Cast("const int64_t*") LongPointer vRow,
                                    @Cast("const int64_t*") LongPointer target, @Cast("const int64_t*") LongPointer order,
                                    FloatPointer out);

    static native void neighbourSum(long edges, long channels, @Const DoublePointer w, @Cast("const int64_t*") LongPointer wRow,
                                    @Const DoublePointer v, @Cast("const int64_t*") LongPointer vRow,
                                    @Cast("const int64_t*") LongPointer target, @Cast("const int64_t*") LongPointer order,
                                    DoublePointer out);

    static native void componentSum(long edges, long channels, @Const FloatPointer w, @Const FloatPointer comp,
                                    @Cast("const int64_t*") LongPointer target, FloatPointer out);

    static native void componentSum(long edges, long channels, @Const DoublePointer w, @Const DoublePointer comp,
                                    @Cast("const int64_t*") LongPointer target, DoublePointer out);

    static native void neighbourSumWeightGrad(long edges, long channels, @Const FloatPointer g,
                                              @Cast("const int64_t*") LongPointer target, @Const FloatPointer v,
                                              @Cast("const int64_t*") LongPointer vRow, @Cast("const int64_t*") LongPointer wRow,
                                              FloatPointer gw);

    static native void neighbourSumWeightGrad(long edges, long channels, @Const DoublePointer g,
                                              @Cast("const int64_t*") LongPointer target, @Const DoublePointer v,
                                              @Cast("const int64_t*") LongPointer vRow, @Cast("const int64_t*") LongPointer wRow,
                                              DoublePointer gw);

    static native void componentSumGrads(long edges, long channels, @Const FloatPointer g,
                                         @Cast("const int64_t*") LongPointer target, @Const FloatPointer w,
                                         @Const FloatPointer comp, FloatPointer gw, FloatPointer gcomp);

    static native void componentSumGrads(long edges, long channels, @Const DoublePointer g,
                                         @Cast("const int64_t*") LongPointer target, @Const DoublePointer w,
                                         @Const DoublePointer comp, DoublePointer gw, DoublePointer gcomp);
}

package org.tensornet4j.model;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Const;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * The native mapping of TensorNet's CPU kernels, and nothing else: one entry point per kernel from
 * {@code native/kernels/cpu/KernelEntryPoints.h}, which dispatches on the dtype code
 * ({@link KernelArgs#dtype}) to the float or double kernel of {@code EdgeSums.h} / {@code AtomUpdate.h} /
 * {@code AtomParts.h} / {@code CoulombPairs.h} / {@code Activations.h}.
 * JavaCPP compiles it into {@code libjniNativeKernels.so} next to this class. Callers use
 * {@link EdgeSums}, {@link AtomUpdate}, {@link AtomParts}, {@link CoulombPairs} and {@link MlpTape}, which check tensors and pass their memory
 * ({@link KernelArgs#data}); the headers say what each function computes.
 */
@Platform(include = "cpu/KernelEntryPoints.h")
final class NativeKernels {
    static {
        Loader.load();
    }

    private NativeKernels() {}

    // ---- per-edge sums (EdgeSums.h)

    @Name("tensornet4j::kernels::neighborSum")
    static native void neighborSum(int dtype, long edges, long channels, @Const Pointer w, @Const Pointer wScale,
                                    @Cast("const int64_t*") LongPointer wRow,
                                    @Const Pointer v, @Cast("const int64_t*") LongPointer vRow,
                                    @Cast("const int64_t*") LongPointer target, Pointer out);

    @Name("tensornet4j::kernels::neighborSumScaledWeightGrads")
    static native void neighborSumScaledWeightGrads(int dtype, long edges, long channels, @Const Pointer g,
                                                     @Cast("const int64_t*") LongPointer target, @Const Pointer v,
                                                     @Cast("const int64_t*") LongPointer vRow, @Const Pointer m,
                                                     @Const Pointer s, Pointer gm, Pointer gs);

    @Name("tensornet4j::kernels::componentSum")
    static native void componentSum(int dtype, long edges, long channels, @Const Pointer w, @Cast("const int64_t*") LongPointer wRow,
                                    @Const Pointer ew, @Const Pointer comp, @Cast("const int64_t*") LongPointer target, Pointer out);

    @Name("tensornet4j::kernels::neighborSumDistanceGrad")
    static native void neighborSumDistanceGrad(int dtype, long edges, long channels, @Const Pointer g,
                                                @Cast("const int64_t*") LongPointer target, @Const Pointer v,
                                                @Cast("const int64_t*") LongPointer vRow, @Cast("const int64_t*") LongPointer wRow,
                                                @Const Pointer t, Pointer gd);

    @Name("tensornet4j::kernels::componentSumGrads")
    static native void componentSumGrads(int dtype, long edges, long channels, @Const Pointer g,
                                         @Cast("const int64_t*") LongPointer target, @Const Pointer w,
                                         @Cast("const int64_t*") LongPointer wRow, @Const Pointer ew, @Const Pointer comp,
                                         Pointer gw, Pointer gew, Pointer gcomp);

    // ---- per-atom update (AtomUpdate.h)

    @Name("tensornet4j::kernels::normalisedInput")
    static native void normalisedInput(int dtype, long atoms, long channels, @Const Pointer x, Pointer xn, Pointer c);

    @Name("tensornet4j::kernels::normalisedInputVjp")
    static native void normalisedInputVjp(int dtype, long atoms, long channels, @Const Pointer x, @Const Pointer gxn,
                                          @Const Pointer gc, Pointer gx);

    @Name("tensornet4j::kernels::normalisedProducts")
    static native void normalisedProducts(int dtype, long atoms, long channels, @Const Pointer m, @Const Pointer y,
                                          @Const Pointer scale, boolean o3, Pointer c);

    @Name("tensornet4j::kernels::normalisedProductsVjp")
    static native void normalisedProductsVjp(int dtype, long atoms, long channels, @Const Pointer gc, @Const Pointer m,
                                             @Const Pointer y, @Const Pointer scale, boolean o3, Pointer gm, Pointer gy);

    @Name("tensornet4j::kernels::layerOutput")
    static native void layerOutput(int dtype, long atoms, long channels, @Const Pointer x, @Const Pointer d,
                                   @Const Pointer scale, Pointer out);

    @Name("tensornet4j::kernels::layerOutputVjp")
    static native void layerOutputVjp(int dtype, long atoms, long channels, @Const Pointer gout, @Const Pointer d,
                                      @Const Pointer scale, Pointer gd);

    // ---- the embedding's output and the parts' norms (AtomParts.h)

    @Name("tensornet4j::kernels::packedNormSum")
    static native void packedNormSum(int dtype, long atoms, long channels, @Const Pointer p, Pointer out);

    @Name("tensornet4j::kernels::packedNormSumVjp")
    static native void packedNormSumVjp(int dtype, long atoms, long channels, @Const Pointer p, @Const Pointer g, Pointer gp);

    @Name("tensornet4j::kernels::partNorms")
    static native void partNorms(int dtype, long atoms, long channels, @Const Pointer x, Pointer out);

    @Name("tensornet4j::kernels::partNormsVjp")
    static native void partNormsVjp(int dtype, long atoms, long channels, @Const Pointer x, @Const Pointer g, Pointer gx);

    @Name("tensornet4j::kernels::chargeFeatures")
    static native void chargeFeatures(int dtype, long atoms, long channels, @Const Pointer x, Pointer out);

    @Name("tensornet4j::kernels::chargeFeaturesVjp")
    static native void chargeFeaturesVjp(int dtype, long atoms, long channels, @Const Pointer x, @Const Pointer g, Pointer gx);

    @Name("tensornet4j::kernels::embeddingOutput")
    static native void embeddingOutput(int dtype, long atoms, long channels, @Const Pointer mixed, @Const Pointer factors,
                                       Pointer x);

    @Name("tensornet4j::kernels::embeddingOutputVjp")
    static native void embeddingOutputVjp(int dtype, long atoms, long channels, @Const Pointer gx, @Const Pointer mixed,
                                          @Const Pointer factors, Pointer gmixed, Pointer gfactors);

    // ---- TensorNet2's Coulomb term over all pairs (CoulombPairs.h)

    @Name("tensornet4j::kernels::coulombPairEnergies")
    static native void coulombPairEnergies(int dtype, long atoms, long channels, @Const Pointer pos, @Const Pointer q,
                                           @Const Pointer w, @Cast("const int64_t*") LongPointer molecule,
                                           double halfConstant, long rowBegin, long rowEnd, DoublePointer energies);

    @Name("tensornet4j::kernels::coulombPairEnergiesVjp")
    static native void coulombPairEnergiesVjp(int dtype, long atoms, long channels, @Const Pointer pos, @Const Pointer q,
                                              @Const Pointer w, @Cast("const int64_t*") LongPointer molecule,
                                              double halfConstant, long rowBegin, long rowEnd, @Const DoublePointer g,
                                              Pointer gq, Pointer gpos);

    // ---- the radial MLPs' activation (Activations.h)

    @Name("tensornet4j::kernels::siluWithDerivative")
    static native void siluWithDerivative(int dtype, long rows, long width, @Const Pointer bias, Pointer z, Pointer d);
}

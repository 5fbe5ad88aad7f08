package org.tensornet4j.bridge;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Const;
import org.bytedeco.javacpp.annotation.Namespace;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Virtual;

/**
 * Java side of {@code tensornet4j::ForceComputation} (native/include/tensornet4j/ForceComputation.h),
 * the one place where the native mapping lives. A Java subclass overrides {@link #compute} and
 * {@link #evaluate}; JavaCPP generates the C++ subclass whose virtual methods call back into Java, so a
 * C++ engine holding the pointer calls Java code without knowing it. A pointer argument the engine
 * passes as NULL arrives as null or as a Pointer whose {@code isNull()} is true.
 */
@Platform(include = "tensornet4j/ForceComputation.h")
@Namespace("tensornet4j")
public class ForceComputation extends Pointer {
    static {
        Loader.load();
    }

    protected ForceComputation() {
        allocate();
    }

    private native void allocate();

    /** See the header: positions/forces are numParticles x 3 doubles (Å, energy/Å); box is 9 doubles or null. */
    @Virtual(true)
    public native double compute(int numParticles, @Const DoublePointer positions, @Const DoublePointer box,
                                 DoublePointer forces);

    /**
     * Second generation, see the header: atoms per call (atomicNumbers: numAtoms ints or null for the
     * configuration's), totalCharge (one double or null), virial (9 doubles) and atomEnergies (numAtoms
     * doubles) written when not null.
     */
    @Virtual(true)
    public native double evaluate(int numAtoms, @Const IntPointer atomicNumbers, @Const DoublePointer positions,
                                  @Const DoublePointer box, @Const DoublePointer totalCharge, DoublePointer forces,
                                  DoublePointer virial, DoublePointer atomEnergies);

    /**
     * Device buffers, see the header: positions/box/forces are device pointers of CUDA device deviceIndex in
     * precision 0 (float32) or 1 (float64), stream the engine's cudaStream_t, energy a host pointer or null.
     * Returns false when the potential works on host memory only (the C++ default does). Not pure: a subclass
     * that does not override it keeps the C++ default.
     */
    @Virtual
    public native @Cast("bool") boolean computeOnDevice(int numParticles, int precision, @Const Pointer positions,
                                                        @Const Pointer box, Pointer forces, @Cast("bool") boolean addForces,
                                                        DoublePointer energy, int deviceIndex, Pointer stream);
}

package org.tensornet4j.bridge;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Const;
import org.bytedeco.javacpp.annotation.Namespace;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.Virtual;

/**
 * Java side of {@code tensornet4j::ForceComputation} (native/include/tensornet4j/ForceComputation.h),
 * the one place where the native mapping lives. A Java subclass overrides {@link #compute}; JavaCPP
 * generates the C++ subclass whose virtual compute() calls back into Java, so a C++ engine holding
 * the pointer calls Java code without knowing it.
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
}

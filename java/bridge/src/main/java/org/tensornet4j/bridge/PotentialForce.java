package org.tensornet4j.bridge;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.Potential;

/**
 * A {@link Potential} bound to the atoms of one engine context, as the C++ {@code ForceComputation}
 * the engine calls every step. The engine's buffers are wrapped, not copied (from_blob); every
 * tensor of a step lives in a {@link PointerScope} so native memory stays flat over millions of steps.
 */
final class PotentialForce extends ForceComputation {
    private final Potential potential;
    private final long[] atomicNumbers;
    private final Double charge;
    private final long[] shape;
    /** LibTorch threads for this system's steps (see {@link EngineThreads}); 0: left as they are. */
    private final int threads;
    // Engines pass the same buffers every step (allocated once per context): the tensors wrapping
    // them are made once and reused, so a step costs no wrapping at all.
    private final BufferView positionsView;
    private final BufferView boxView = new BufferView(new long[] {3, 3});
    private final BufferView forcesView;
    /** Steps done and nanoseconds spent inside the potential: engines report the bridge's share from these. */
    private long steps;
    private long potentialNanos;

    PotentialForce(Potential potential, long[] atomicNumbers, Double charge) {
        this.potential = potential;
        this.atomicNumbers = atomicNumbers.clone();
        this.charge = charge;
        this.shape = new long[] {atomicNumbers.length, 3};
        this.threads = EngineThreads.choose(atomicNumbers.length);
        this.positionsView = new BufferView(shape);
        this.forcesView = new BufferView(shape);
    }

    @Override
    public double compute(int numParticles, DoublePointer positions, DoublePointer box, DoublePointer forces) {
        if (numParticles != atomicNumbers.length) {
            throw new IllegalArgumentException("the engine passed " + numParticles + " particles but this potential was created for "
                    + atomicNumbers.length + " atomic numbers");
        }
        StepChecks.requireFiniteBox(box);
        Tensor pos = positionsView.of(positions);
        Tensor boxTensor = box == null || box.isNull() ? null : boxView.of(box);
        Tensor out = forcesView.of(forces);
        EngineThreads.apply(threads);
        try (PointerScope scope = new PointerScope()) {
            long start = System.nanoTime();
            double energy = potential.computeInto(atomicNumbers, pos, boxTensor, charge, out);
            potentialNanos += System.nanoTime() - start;
            steps++;
            StepChecks.requireFiniteResult(potential, energy, out);
            return energy;
        }
    }

    /** {steps, nanoseconds inside the potential} since creation. */
    long[] timing() { return new long[] {steps, potentialNanos}; }

    Potential potential() { return potential; }

    @Override
    public void close() {
        try {
            potential.close();
        } finally {
            positionsView.close();
            boxView.close();
            forcesView.close();
            super.close();
        }
    }
}

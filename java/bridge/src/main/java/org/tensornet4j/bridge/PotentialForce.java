package org.tensornet4j.bridge;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.tensornet4j.Device;
import org.tensornet4j.Elements;
import org.tensornet4j.EngineCall;
import org.tensornet4j.Potential;

/**
 * A {@link Potential} behind the C++ {@code ForceComputation} an engine calls every step: bound to the
 * atoms of one engine context ({@link #compute}, the first generation) or taking them per call
 * ({@link #evaluate}, the second). The engine's buffers are wrapped, not copied (from_blob); every
 * tensor of a step lives in a {@link PointerScope} so native memory stays flat over millions of steps.
 */
final class PotentialForce extends ForceComputation {
    private static final long[] BOX_SHAPE = {3, 3};

    private final Potential potential;
    /** The configuration's atomic numbers, or null when it has none (then only {@link #evaluate} works). */
    private final long[] atomicNumbers;
    private final Double charge;
    /** The configuration's "energy_unit", or null for the potential's own. */
    private final String energyUnit;
    /** LibTorch threads for the last system size seen (see {@link EngineThreads}); 0: left as they are. */
    private int threads;
    private int threadsChosenFor = -1;
    // Engines pass the same buffers every step (allocated once per context): the tensors wrapping
    // them are made once and reused, so a step costs no wrapping at all.
    private final BufferView positionsView = new BufferView();
    private final BufferView boxView = new BufferView();
    private final BufferView forcesView = new BufferView();
    private final BufferView virialView = new BufferView();
    private final BufferView atomEnergiesView = new BufferView();
    /** Device buffers' wrappers, made at the first computeOnDevice. */
    private DeviceStep deviceStep;
    /** Steps done and nanoseconds spent inside the potential: engines report the bridge's share from these. */
    private long steps;
    private long potentialNanos;

    /**
     * @param atomicNumbers the configuration's, or null (per call only)
     * @param energyUnit    the configuration's "energy_unit", or null for {@link Potential#energyUnit()}
     */
    PotentialForce(Potential potential, long[] atomicNumbers, Double charge, String energyUnit) {
        this.potential = potential;
        this.atomicNumbers = atomicNumbers == null ? null : atomicNumbers.clone();
        this.charge = charge;
        this.energyUnit = energyUnit;
        // Chosen now for a fixed system so that a bad TN4J_THREADS fails the creation, not the first step.
        if (atomicNumbers != null) applyThreadsChoice(atomicNumbers.length);
    }

    @Override
    public double compute(int numParticles, DoublePointer positions, DoublePointer box, DoublePointer forces) {
        requireConfiguredAtoms(numParticles, "tn4j_compute (ForceComputation::compute)");
        StepChecks.requireFiniteBox(box);
        long[] shape = {numParticles, 3};
        Tensor pos = positionsView.of(positions, shape);
        Tensor boxTensor = absent(box) ? null : boxView.of(box, BOX_SHAPE);
        Tensor out = forcesView.of(forces, shape);
        applyThreads(numParticles);
        try (PointerScope scope = new PointerScope()) {
            long start = System.nanoTime();
            double energy = potential.computeInto(atomicNumbers, pos, boxTensor, charge, out);
            potentialNanos += System.nanoTime() - start;
            steps++;
            StepChecks.requireFiniteResult(potential, energy, out);
            return energy;
        }
    }

    @Override
    public double evaluate(int numAtoms, IntPointer atomicNumbers, DoublePointer positions, DoublePointer box,
                           DoublePointer totalCharge, DoublePointer forces, DoublePointer virial, DoublePointer atomEnergies) {
        long[] z = atomsOf(numAtoms, atomicNumbers);
        StepChecks.requireFiniteBox(box);
        Double q = absent(totalCharge) ? charge : Double.valueOf(StepChecks.requireFiniteCharge(totalCharge.get()));
        long[] shape = {numAtoms, 3};
        Tensor pos = positionsView.of(positions, shape);
        Tensor boxTensor = absent(box) ? null : boxView.of(box, BOX_SHAPE);
        Tensor out = forcesView.of(forces, shape);
        Tensor w = absent(virial) ? null : virialView.of(virial, BOX_SHAPE);
        Tensor perAtom = absent(atomEnergies) ? null : atomEnergiesView.of(atomEnergies, numAtoms);
        applyThreads(numAtoms);
        try (PointerScope scope = new PointerScope()) {
            long start = System.nanoTime();
            double energy = potential.computeInto(new EngineCall(z, pos, boxTensor, q, out, w, perAtom));
            potentialNanos += System.nanoTime() - start;
            steps++;
            StepChecks.requireFiniteResult(potential, energy, out);
            if (w != null) StepChecks.requireFiniteVirial(potential, w);
            if (perAtom != null) StepChecks.requireFiniteAtomEnergies(potential, perAtom);
            return energy;
        }
    }

    /**
     * Device buffers (see DeviceStep): false for a potential on the CPU, so the engine copies and calls
     * {@link #compute}. Results are not checked for finiteness here (that would read them back every step),
     * except the energy when the engine asks for it.
     */
    @Override
    public boolean computeOnDevice(int numParticles, int precision, Pointer positions, Pointer box, Pointer forces,
                                   boolean addForces, DoublePointer energy, int deviceIndex, Pointer stream) {
        if (potential.device().kind() == Device.Kind.CPU) return false;
        requireConfiguredAtoms(numParticles, "tn4j_compute_on_device (ForceComputation::computeOnDevice)");
        DeviceStep.requireSameDevice(potential, deviceIndex);
        if (deviceStep == null) deviceStep = new DeviceStep(potential.device());
        try (PointerScope scope = new PointerScope()) {
            long start = System.nanoTime();
            double e = deviceStep.run(potential, atomicNumbers, charge, numParticles, precision, positions, box, forces, addForces,
                    energy, stream);
            potentialNanos += System.nanoTime() - start;
            steps++;
            if (energy != null && !energy.isNull() && !Double.isFinite(e)) {
                throw new IllegalStateException("the potential returned a non-finite energy (" + e + ") on the device");
            }
            return true;
        }
    }

    /** The first generation's atoms: the configuration's, as many as the engine's particles. */
    private void requireConfiguredAtoms(int numParticles, String call) {
        if (atomicNumbers == null) {
            throw new IllegalStateException("this potential was created without \"atomic_numbers\" in its configuration, which"
                    + " " + call + " needs: add \"atomic_numbers\" (one per particle) to the configuration,"
                    + " or call tn4j_evaluate (ForceComputation::evaluate), which takes the atomic numbers per call");
        }
        if (numParticles != atomicNumbers.length) {
            throw new IllegalArgumentException("the engine passed " + numParticles + " particles but this potential was created for "
                    + atomicNumbers.length + " atomic numbers");
        }
    }

    /** This call's atomic numbers: the engine's (each an element), or the configuration's when it passed none. */
    private long[] atomsOf(int numAtoms, IntPointer given) {
        if (numAtoms <= 0) throw new IllegalArgumentException("num_atoms is " + numAtoms + "; pass the number of atoms (at least 1)");
        if (absent(given)) {
            if (atomicNumbers == null) {
                throw new IllegalArgumentException("atomic_numbers is NULL and the configuration has no \"atomic_numbers\": pass the"
                        + " atomic numbers of this call's " + numAtoms + " atoms, or add \"atomic_numbers\" to the configuration");
            }
            if (numAtoms != atomicNumbers.length) {
                throw new IllegalArgumentException("num_atoms is " + numAtoms + " but the configuration's \"atomic_numbers\" lists "
                        + atomicNumbers.length + " atoms (atomic_numbers is NULL): pass this call's atomic numbers, or as many atoms"
                        + " as the configuration lists");
            }
            return atomicNumbers;
        }
        int[] values = new int[numAtoms];
        given.get(values);
        long[] z = new long[numAtoms];
        for (int i = 0; i < numAtoms; i++) {
            if (!Elements.isAtomicNumber(values[i])) {
                throw new IllegalArgumentException("atomic_numbers[" + i + "]: " + Elements.notAnElement(values[i]));
            }
            z[i] = values[i];
        }
        return z;
    }

    /** LibTorch's thread count for a system of this size, chosen again only when the size changes. */
    private void applyThreads(int atoms) {
        applyThreadsChoice(atoms);
        EngineThreads.apply(threads);
    }

    private void applyThreadsChoice(int atoms) {
        if (atoms != threadsChosenFor) {
            threads = EngineThreads.choose(atoms);
            threadsChosenFor = atoms;
        }
    }

    /** A pointer argument the engine passed as NULL. */
    private static boolean absent(Pointer p) {
        return p == null || p.isNull();
    }

    /** {steps, nanoseconds inside the potential} since creation. */
    long[] timing() { return new long[] {steps, potentialNanos}; }

    /** {cutoff, receptive field} in Å. */
    double[] lengths() { return new double[] {potential.cutoff(), potential.receptiveField()}; }

    /** The configuration's "energy_unit", else the potential's, else "" when unknown. */
    String energyUnit() {
        if (energyUnit != null) return energyUnit;
        String own = potential.energyUnit();
        return own == null ? "" : own;
    }

    Potential potential() { return potential; }

    @Override
    public void close() {
        try {
            potential.close();
        } finally {
            positionsView.close();
            boxView.close();
            forcesView.close();
            virialView.close();
            atomEnergiesView.close();
            if (deviceStep != null) deviceStep.close();
            super.close();
        }
    }
}

package org.tensornet4j;

import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * What an engine passes again every step, kept from the last step: the atomic numbers (checked once
 * and kept as a tensor), the charge factor per atom and the last box that passed its checks. An
 * engine context never changes its atoms, so after the first step each call costs one array
 * comparison instead of validation and fresh tensors. Anything that differs from the last call is
 * checked and converted again, so callers that do change their inputs still get every check.
 */
final class EngineInputs implements AutoCloseable {
    private long[] z;
    private Tensor zTensor;
    private Double charge;
    private Tensor chargeTensor;
    private double[] validBox;
    private boolean validNoBox;
    /** The model's LibTorch device (the kept tensors live there), or null for the CPU. */
    private final org.bytedeco.pytorch.Device device;

    EngineInputs(org.bytedeco.pytorch.Device device) {
        this.device = device;
    }

    private Tensor onDevice(Tensor t) {
        return device == null ? t : t.to(device, t.scalar_type());
    }

    /** The atomic numbers as an int64 tensor; {@code validate} runs only when they differ from the last call's. */
    synchronized Tensor atomicNumbers(long[] atoms, Runnable validate) {
        if (zTensor == null || !Arrays.equals(atoms, z)) {
            validate.run();
            release(zTensor);
            zTensor = owned(onDevice(Tensor.create(atoms)));
            z = atoms.clone();
            validNoBox = false;
            validBox = null;
        }
        return zTensor;
    }

    /** Whether this box (rows flattened, or null) passed the checks with the current atoms already. */
    synchronized boolean boxChecked(double[] box) {
        return box == null ? validNoBox : Arrays.equals(box, validBox);
    }

    synchronized void boxPassed(double[] box) {
        if (box == null) validNoBox = true;
        else validBox = box.clone();
    }

    /**
     * The molecule's total charge on every atom [N] in {@code dtype}, or null for a neutral molecule
     * unless {@code evenWhenNeutral} (TensorNet2 needs the charge tensor; TensorNet skips its charge factor without it).
     */
    synchronized Tensor perAtomCharge(Double total, int atoms, ScalarType dtype, boolean evenWhenNeutral) {
        if (total == null || (total == 0 && !evenWhenNeutral)) return null;
        if (chargeTensor == null || !total.equals(charge) || chargeTensor.size(0) != atoms) {
            release(chargeTensor);
            double[] perAtom = new double[atoms];
            Arrays.fill(perAtom, total);
            chargeTensor = owned(onDevice(Tensor.create(perAtom).to(dtype)));
            charge = total;
        }
        return chargeTensor;
    }

    @Override
    public synchronized void close() {
        release(zTensor);
        release(chargeTensor);
        zTensor = null;
        chargeTensor = null;
    }

    /** Takes {@code t} out of whatever scope the current step has open: it must outlive the step. */
    private static Tensor owned(Tensor t) {
        PointerScope scope = PointerScope.getInnerScope();
        t.retainReference();
        if (scope != null) scope.detach(t);
        return t;
    }

    private static void release(Tensor t) {
        if (t != null) t.releaseReference();
    }
}

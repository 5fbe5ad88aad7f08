package org.tensornet4j.bridge;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.OptionalStreamGuard;
import org.bytedeco.pytorch.Stream;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.tensornet4j.Device;
import org.tensornet4j.EngineCall;
import org.tensornet4j.Potential;

/**
 * One step on an engine's device buffers (ForceComputation::computeOnDevice): the buffers wrapped in place on
 * the potential's device (from_blob, no copy), the potential run with the engine's stream as LibTorch's current
 * stream (an external stream, c10's id for it being the cudaStream_t itself; 0 the default stream), so its
 * kernels queue behind the engine's and nothing waits for the device, except for the energy when the engine
 * asks for it. Device-generic (c10::Stream and OptionalStreamGuard; no CUDA classes needed to build): on the
 * CPU, with host memory and the default stream, the same code runs in the tests (DeviceStepTest).
 */
final class DeviceStep implements AutoCloseable {
    private static final long[] BOX_SHAPE = {3, 3};
    private final Device device;
    private int precision = -1;
    private BufferView positions, box, forces;
    /** The potential's forces when the engine adds them to its own (allocated once, reused). */
    private Tensor computed;

    DeviceStep(Device device) {
        this.device = device;
    }

    /** Checks that the potential runs on the buffers' device. */
    static void requireSameDevice(Potential potential, int deviceIndex) {
        Device expected = new Device(Device.Kind.CUDA, deviceIndex);
        if (!potential.device().equals(expected)) {
            throw new IllegalArgumentException("the engine's buffers are on " + expected + " but this potential runs on "
                    + potential.device() + ": create it with \"device\": \"" + expected + "\"");
        }
    }

    /** Energy of the step (also written to {@code energy} when not null); forces written or added on the device. */
    double run(Potential potential, long[] atomicNumbers, Double charge, int numParticles, int precision, Pointer positionsPtr,
               Pointer boxPtr, Pointer forcesPtr, boolean addForces, DoublePointer energy, Pointer stream) {
        views(precision);
        long[] shape = {numParticles, 3};
        Tensor pos = positions.of(positionsPtr, shape);
        Tensor boxTensor = absent(boxPtr) ? null : box.of(boxPtr, BOX_SHAPE);
        Tensor out = forces.of(forcesPtr, shape);
        long streamId = absent(stream) ? 0 : stream.address();
        Stream engineStream = Stream.unpack3(streamId, (byte) device.index(), BufferView.torchDevice(device).type());
        try (OptionalStreamGuard onEngineStream = new OptionalStreamGuard(engineStream)) {
            Tensor target = out;
            if (addForces) {
                if (computed == null || computed.size(0) != numParticles || computed.scalar_type() != out.scalar_type()) {
                    if (computed != null) computed.releaseReference();
                    computed = torch.empty_like(out);
                    computed.retainReference();
                }
                target = computed;
            }
            // The Potential API returns the energy as a double: reading it is the one wait of the step.
            double e = potential.computeInto(new EngineCall(atomicNumbers, pos, boxTensor, charge, target, null, null));
            if (addForces) out.add_(computed);
            if (!absent(energy)) energy.put(e);
            return e;
        }
    }

    private void views(int precision) {
        if (precision == this.precision) return;
        if (precision != 0 && precision != 1) {
            throw new IllegalArgumentException("precision is " + precision + "; pass 0 (float32) or 1 (float64), the buffers' element type");
        }
        closeViews();
        ScalarType type = precision == 0 ? ScalarType.Float : ScalarType.Double;
        positions = new BufferView(type, device);
        box = new BufferView(type, device);
        forces = new BufferView(type, device);
        this.precision = precision;
    }

    private static boolean absent(Pointer p) {
        return p == null || p.isNull();
    }

    private void closeViews() {
        if (positions != null) {
            positions.close();
            box.close();
            forces.close();
        }
        if (computed != null) computed.releaseReference();
        computed = null;
    }

    @Override
    public void close() {
        closeViews();
    }
}

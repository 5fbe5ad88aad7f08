package org.tensornet4j.bridge;

import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A tensor wrapping an engine buffer without copying (from_blob): float64 host memory by default, or
 * memory of a CUDA device in float32/float64 (device buffers). The wrapper is rebuilt only
 * when the engine hands over a different address or shape (engines whose atoms change between calls),
 * and the previous one is released then: one wrapper per view at any time, however often sizes change.
 */
final class BufferView implements AutoCloseable {
    private final TensorOptions options;
    private long address;
    private long[] shape = new long[0];
    private Tensor view;

    /** Host memory holding float64 values. */
    BufferView() {
        this.options = new TensorOptions(ScalarType.Double);
    }

    /** Memory of {@code device} (host memory for the CPU) holding {@code type} values. */
    BufferView(ScalarType type, org.tensornet4j.Device device) {
        this.options = new TensorOptions(torchDevice(device)).dtype(new ScalarTypeOptional(type));
    }

    static org.bytedeco.pytorch.Device torchDevice(org.tensornet4j.Device device) {
        return device.kind() == org.tensornet4j.Device.Kind.CPU ? new org.bytedeco.pytorch.Device(torch.DeviceType.CPU)
                : new org.bytedeco.pytorch.Device(torch.DeviceType.CUDA, (byte) device.index());
    }

    Tensor of(Pointer buffer, long... shape) {
        if (view == null || buffer.address() != address || !Arrays.equals(shape, this.shape)) {
            if (view != null) view.releaseReference();
            // Made outside any step's PointerScope: it lives until the address or shape changes, or close().
            view = torch.from_blob(buffer, shape, options);
            view.retainReference();
            address = buffer.address();
            this.shape = shape.clone();
        }
        return view;
    }

    @Override
    public void close() {
        if (view != null) view.releaseReference();
        view = null;
        options.close();
    }
}

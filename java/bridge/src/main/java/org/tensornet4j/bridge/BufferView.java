package org.tensornet4j.bridge;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A float64 tensor of fixed shape wrapping an engine buffer without copying (from_blob). The
 * wrapper is rebuilt only when the engine hands over a different address.
 */
final class BufferView implements AutoCloseable {
    private final long[] shape;
    private final TensorOptions float64 = new TensorOptions(ScalarType.Double);
    private long address;
    private Tensor view;

    BufferView(long[] shape) {
        this.shape = shape.clone();
    }

    Tensor of(Pointer buffer) {
        if (view == null || buffer.address() != address) {
            if (view != null) view.close();
            // Made outside any step's PointerScope: it lives until the address changes or close().
            view = torch.from_blob(buffer, shape, float64);
            view.retainReference();
            address = buffer.address();
        }
        return view;
    }

    @Override
    public void close() {
        if (view != null) view.releaseReference();
        view = null;
        float64.close();
    }
}

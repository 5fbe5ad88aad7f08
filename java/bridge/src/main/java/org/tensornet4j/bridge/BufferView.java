package org.tensornet4j.bridge;

import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A float64 tensor wrapping an engine buffer without copying (from_blob). The wrapper is rebuilt only
 * when the engine hands over a different address or shape (engines whose atoms change between calls),
 * and the previous one is released then: one wrapper per view at any time, however often sizes change.
 */
final class BufferView implements AutoCloseable {
    private final TensorOptions float64 = new TensorOptions(ScalarType.Double);
    private long address;
    private long[] shape = new long[0];
    private Tensor view;

    Tensor of(Pointer buffer, long... shape) {
        if (view == null || buffer.address() != address || !Arrays.equals(shape, this.shape)) {
            if (view != null) view.releaseReference();
            // Made outside any step's PointerScope: it lives until the address or shape changes, or close().
            view = torch.from_blob(buffer, shape, float64);
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
        float64.close();
    }
}

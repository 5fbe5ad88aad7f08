package org.tensornet4j.checkpoint;

import java.util.Arrays;

/**
 * What {@code torch._utils._rebuild_tensor_v2} describes: a strided view into a storage.
 * Turned into a LibTorch tensor only when the loader needs it.
 */
record TensorRef(StorageRef storage, long storageOffset, long[] size, long[] stride) {

    long numel() {
        long n = 1;
        for (long s : size) n *= s;
        return n;
    }

    /**
     * Elements of the storage the view reaches: one past the furthest element it addresses, or 0
     * when the view is empty (an empty view touches no memory whatever its offset).
     */
    long requiredStorageElements() {
        long last = storageOffset;
        for (int d = 0; d < size.length; d++) {
            if (size[d] == 0) return 0;
            last += (size[d] - 1) * stride[d];
        }
        return last + 1;
    }

    String describeView() {
        return "offset " + storageOffset + ", size " + Arrays.toString(size) + ", stride " + Arrays.toString(stride);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorRef t && storage.equals(t.storage) && storageOffset == t.storageOffset
                && Arrays.equals(size, t.size) && Arrays.equals(stride, t.stride);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * storage.hashCode() + Arrays.hashCode(size)) + Arrays.hashCode(stride);
    }

    @Override
    public String toString() {
        return "TensorRef[" + storage + ", " + describeView() + "]";
    }
}

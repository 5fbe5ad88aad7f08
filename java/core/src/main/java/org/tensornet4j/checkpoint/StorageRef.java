package org.tensornet4j.checkpoint;

/**
 * A tensor storage named by a persistent id in {@code data.pkl}: the bytes live in the archive
 * entry {@code data/<key>}. Only the description is kept while unpickling, so storages that
 * nothing needs (optimizer moments, callback scores) are never read.
 *
 * @param typeName the pickled storage class, e.g. {@code torch.FloatStorage}
 * @param key the entry name below {@code data/}
 * @param location the device the tensor lived on when saved (ignored: everything loads on the CPU)
 * @param numel number of elements the storage holds
 */
record StorageRef(String typeName, String key, String location, long numel) {
}

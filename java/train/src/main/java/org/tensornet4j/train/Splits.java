package org.tensornet4j.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Train/validation/test indices from one seeded permutation, as TorchMD-Net's {@code make_splits}:
 * a size below or equal 1 (a double) is a fraction of the dataset, a larger one a count; a missing
 * size takes the rest. The permutation is {@code java.util.Random(seed)}'s shuffle, not numpy's, so
 * the same seed gives other splits than TorchMD-Net; {@code splits.txt} in the log directory lists them.
 */
record Splits(List<Integer> train, List<Integer> val, List<Integer> test) {

    static Splits of(int n, Object trainSize, Object valSize, Object testSize, long seed) {
        Integer tr = count(trainSize, n, "train_size");
        Integer va = count(valSize, n, "val_size");
        Integer te = count(testSize, n, "test_size");
        int missing = (tr == null ? 1 : 0) + (va == null ? 1 : 0) + (te == null ? 1 : 0);
        if (missing > 1) throw new IllegalArgumentException("give at least two of train_size, val_size, test_size");
        if (tr == null) tr = n - va - te;
        if (va == null) va = n - tr - te;
        if (te == null) te = n - tr - va;
        if (tr <= 0 || va < 0 || te < 0 || tr + va + te > n) {
            throw new IllegalArgumentException("splits train " + tr + ", val " + va + ", test " + te + " do not fit a dataset of "
                    + n + " molecules; adjust train_size, val_size, test_size");
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) idx.add(i);
        Collections.shuffle(idx, new Random(seed));
        return new Splits(List.copyOf(idx.subList(0, tr)), List.copyOf(idx.subList(tr, tr + va)),
                List.copyOf(idx.subList(tr + va, tr + va + te)));
    }

    private static Integer count(Object size, int n, String key) {
        if (size == null) return null;
        Double d = org.tensornet4j.nn.HyperParameters.asReal(size);
        if (d == null || d < 0) throw new IllegalArgumentException(key + " must be a fraction (<= 1) or a count, got " + size);
        if (d <= 1 && !(size instanceof Integer || size instanceof Long)) return (int) Math.floor(d * n);
        return (int) Math.round(d);
    }
}

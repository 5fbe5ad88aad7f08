package org.tensornet4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.tensornet4j.Device;
import org.tensornet4j.Ensemble;
import org.tensornet4j.Potential;
import org.tensornet4j.neighbors.NeighborStrategy;

/**
 * The loaded potentials of one executor JVM, kept between tasks: loading a checkpoint costs far more
 * than scoring a partition. A potential serves one thread at a time, so a task borrows one and gives
 * it back; concurrent tasks get one each (at most spark.executor.cores are made per model). Keyed by
 * the models' checksums, the overrides and the device.
 */
final class PotentialPool {
    private static final Map<String, ConcurrentLinkedQueue<Potential>> IDLE = new ConcurrentHashMap<>();

    private PotentialPool() {}

    /** A potential for {@code options}, from the pool or loaded now (after the checksum check). */
    static Potential borrow(ScoreOptions options) {
        Potential p = IDLE.computeIfAbsent(key(options), k -> new ConcurrentLinkedQueue<>()).poll();
        if (p != null) return p;
        List<Path> files = new ArrayList<>();
        for (ModelFile m : options.models()) files.add(m.local());
        return Ensemble.load(files, Device.parse(options.device()), options.overrides(), NeighborStrategy.AUTO);
    }

    static void giveBack(ScoreOptions options, Potential p) {
        IDLE.computeIfAbsent(key(options), k -> new ConcurrentLinkedQueue<>()).add(p);
    }

    private static String key(ScoreOptions o) {
        StringBuilder key = new StringBuilder(o.device()).append('|').append(o.overrides());
        for (ModelFile m : o.models()) key.append('|').append(m.sha256());
        return key.toString();
    }
}

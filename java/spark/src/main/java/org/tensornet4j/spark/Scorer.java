package org.tensornet4j.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.AtomicSystem;
import org.tensornet4j.Ensemble;
import org.tensornet4j.Potential;
import org.tensornet4j.PotentialOutput;
import org.tensornet4j.TensorNetPotential;

/**
 * Scores one partition: conformers are grouped into batches of up to {@code batchAtoms} atoms (one
 * batched evaluation each); a batch that fails is scored one conformer at a time, so that only the
 * bad conformer gets an error status. Periodic conformers are scored alone (a batch has one box).
 */
final class Scorer implements Iterator<Row>, AutoCloseable {
    private final Iterator<Row> input;
    private final ScoreOptions options;
    private final Potential potential;
    private final boolean needsCharge;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();
    private boolean closed;

    /** Counts scored rows for the driver's progress bar (may be null). */
    private final org.apache.spark.util.LongAccumulator progress;

    Scorer(Iterator<Row> input, ScoreOptions options, Potential potential, org.apache.spark.util.LongAccumulator progress) {
        this.input = input;
        this.options = options;
        this.potential = potential;
        this.needsCharge = potential instanceof TensorNetPotential t ? t.needsTotalCharge()
                : potential instanceof Ensemble e && e.needsTotalCharge();
        this.progress = progress;
    }

    /** A local property that makes the first attempt of partition 0 fail: for the retry test only. */
    static final String FAIL_FIRST_ATTEMPT = "tn4j.test.failFirstAttempt";

    /** The partition's scores; the potential comes from the executor's pool and goes back at the end. */
    static Iterator<Row> score(Iterator<Row> rows, ScoreOptions options, org.apache.spark.util.LongAccumulator progress) {
        TaskContext task = TaskContext.get();
        // LibTorch threads per task = spark.task.cpus (OpenMP's thread count is per calling thread).
        if (task != null) {
            torch.set_num_threads(Math.max(1, task.cpus()));
            // Test hook (ScoreJobTest): the first attempt of partition 0 fails, to show that Spark retries it.
            if ("true".equals(task.getLocalProperty(FAIL_FIRST_ATTEMPT)) && task.partitionId() == 0 && task.attemptNumber() == 0) {
                throw new IllegalStateException("injected failure of the first attempt (" + FAIL_FIRST_ATTEMPT + ")");
            }
        }
        Potential p = PotentialPool.borrow(options);
        Scorer s = new Scorer(rows, options, p, progress);
        if (task != null) task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) t -> s.close());
        return s;
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && !closed) fill();
        return !ready.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) throw new NoSuchElementException();
        return ready.poll();
    }

    /** Returns the potential to the pool (once: the task listener and the end of input both call this). */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        PotentialPool.giveBack(options, potential);
    }

    private record Item(String id, AtomicSystem system) {}

    /** A conformer read but not yet batched: it did not fit the last batch. */
    private Item carry;

    /**
     * Reads conformers while they fit the atom budget and scores them as one batch. A conformer larger
     * than the budget, or periodic, is scored alone.
     */
    private void fill() {
        List<Item> batch = new ArrayList<>();
        int atoms = 0;
        while (carry != null || input.hasNext()) {
            Item it;
            if (carry != null) {
                it = carry;
                carry = null;
            } else {
                Row r = input.next();
                String id = ConformerTable.id(r);
                try {
                    it = new Item(id, ConformerTable.conformer(r).system());
                } catch (RuntimeException e) {
                    emit(fail(id, e));
                    continue;
                }
            }
            int n = it.system().atomCount();
            boolean alone = it.system().isPeriodic();
            if (!batch.isEmpty() && (alone || atoms + n > options.batchAtoms())) {
                carry = it;
                break;
            }
            batch.add(it);
            atoms += n;
            if (alone || atoms >= options.batchAtoms()) break;
        }
        if (!batch.isEmpty()) scoreBatch(batch);
        if (carry == null && !input.hasNext() && ready.isEmpty()) close();
    }

    private void emit(Row r) {
        ready.add(r);
        if (progress != null) progress.add(1);
    }

    private Row fail(String id, RuntimeException e) {
        if (options.failFast()) throw new IllegalStateException("conformer " + id + ": " + message(e) + " (--fail-fast)", e);
        return ScoreTable.failed(options, id, message(e));
    }

    private void scoreBatch(List<Item> batch) {
        if (batch.size() > 1) {
            try {
                List<ScoreTable.Score> scores = scoreTogether(batch);
                for (int m = 0; m < batch.size(); m++) emit(ScoreTable.row(options, batch.get(m).id(), scores.get(m)));
                return;
            } catch (RuntimeException e) {
                // one bad conformer spoils the batched call: score them one by one to find it
            }
        }
        for (Item it : batch) {
            try {
                emit(ScoreTable.row(options, it.id(), scoreTogether(List.of(it)).get(0)));
            } catch (RuntimeException e) {
                emit(fail(it.id(), e));
            }
        }
    }

    /** One evaluation of the conformers as a batch (one molecule each). */
    private List<ScoreTable.Score> scoreTogether(List<Item> items) {
        AtomicSystem system = items.size() == 1 && !needsCharge ? items.get(0).system() : combine(items);
        PotentialOutput out = potential.compute(system);
        double[] f = flat(out.forces());
        List<ScoreTable.Score> scores = new ArrayList<>();
        int atom = 0;
        for (int m = 0; m < items.size(); m++) {
            int n = items.get(m).system().atomCount();
            double[] fm = java.util.Arrays.copyOfRange(f, 3 * atom, 3 * (atom + n));
            double[] fStd = out.forcesStd() == null ? null : java.util.Arrays.copyOfRange(flat(out.forcesStd()), 3 * atom, 3 * (atom + n));
            Fire.Result relaxed = options.relax()
                    ? Fire.relax(potential, items.get(m).system(), options.relaxFmax(), options.relaxSteps()) : null;
            scores.add(new ScoreTable.Score(out.energy()[m], options.forces() ? fm : null, maxNorm(fm),
                    out.energyStd() == null ? null : out.energyStd()[m], options.forces() ? fStd : null, relaxed));
            atom += n;
        }
        return scores;
    }

    /** The conformers as one batched system; total charges given when the model needs them or one is charged. */
    private AtomicSystem combine(List<Item> items) {
        int n = 0;
        for (Item it : items) n += it.system().atomCount();
        long[] z = new long[n];
        long[] batch = new long[n];
        double[][] pos = new double[n][];
        double[] charges = new double[items.size()];
        boolean charged = needsCharge;
        int at = 0;
        for (int m = 0; m < items.size(); m++) {
            AtomicSystem s = items.get(m).system();
            long[] zm = s.atomicNumbers();
            double[][] pm = s.positions();
            for (int i = 0; i < zm.length; i++, at++) {
                z[at] = zm[i];
                pos[at] = pm[i];
                batch[at] = m;
            }
            if (s.charges() != null) {
                charges[m] = s.charges()[0];
                charged |= charges[m] != 0;
            }
        }
        AtomicSystem all = AtomicSystem.of(z, pos).withBatch(batch);
        if (items.size() == 1 && items.get(0).system().isPeriodic()) all = all.withBox(items.get(0).system().box());
        return charged ? all.withCharges(charges) : all;
    }

    static double[] flat(double[][] rows) {
        double[] f = new double[3 * rows.length];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, f, 3 * i, 3);
        return f;
    }

    static double maxNorm(double[] f) {
        double max = 0;
        for (int i = 0; i < f.length; i += 3) max = Math.max(max, Math.sqrt(f[i] * f[i] + f[i + 1] * f[i + 1] + f[i + 2] * f[i + 2]));
        return max;
    }

    static String message(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ');
    }
}

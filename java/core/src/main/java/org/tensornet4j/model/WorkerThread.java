package org.tensornet4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A second thread for independent LibTorch work of one evaluation, used by {@link KernelGradient}
 * for the radial MLPs (forward and backward: half its matrix products) while the calling thread
 * does everything else. Both run one LibTorch thread, so two cores are busy without oversubscribing:
 * the calling thread's LibTorch thread count is set to 1 while the evaluation runs and restored by
 * {@link #close}. (The kernel path's other work is small ops and single-threaded kernels, which a
 * second intra-op thread barely speeds up: chignolin 80 ms per call with two LibTorch threads, 47
 * with one plus this worker.)
 *
 * <p>Tasks start in submission order. A caller that awaits a task still running on the worker runs
 * the tasks nobody has started yet itself, until its own is done ({@link Pending#await}): its core
 * would idle otherwise (the radial MLPs are most of the arithmetic; in small tasks, RadialBlocks, the
 * two threads share them; on a loaded machine the worker may not get a core at all). Their result
 * tensors are made in a scope of their own, kept alive when it closes and handed to the caller's scope
 * by {@link Pending#await}; {@link Pending#join} waits for a task without taking them. A task that
 * reads another's results takes them with {@link Pending#take} (they are freed when it ends), which
 * runs that one first if nobody has started it, else waits for it; a task that is taken must not take
 * any itself, so that the two threads never wait for each other. A task reads the caller's tensors, so the caller must not release them
 * before the task ends: {@link #close} waits for every task. On a single core, or with
 * {@code TN4J_WORKER_THREAD=0}, tasks run inline, in the same order, and the thread count is left alone.
 */
final class WorkerThread implements AutoCloseable {
    private static final boolean ENABLED = !"0".equals(System.getenv("TN4J_WORKER_THREAD"));
    private static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tn4j-worker");
        t.setDaemon(true);
        return t;
    });

    private final boolean concurrent;
    /** The calling thread's LibTorch thread count to restore, or 0. */
    private final int restoreThreads;
    private final List<Pending> pending = new ArrayList<>();

    private WorkerThread(boolean concurrent, int restoreThreads) {
        this.concurrent = concurrent;
        this.restoreThreads = restoreThreads;
    }

    /** Tasks on the worker when the machine has a second core, else inline. */
    static WorkerThread forCallingThread() {
        if (!ENABLED || Runtime.getRuntime().availableProcessors() < 2) return inline();
        int threads = torch.get_num_threads();
        if (threads == 1) return new WorkerThread(true, 0);
        torch.set_num_threads(1);
        return new WorkerThread(true, threads);
    }

    /** Tasks inline, in submission order, and the calling thread's LibTorch threads left as they are. */
    static WorkerThread inline() {
        return new WorkerThread(false, 0);
    }

    boolean concurrent() { return concurrent; }

    /** Starts {@code task}; its tensors come back through {@link Pending#await}. */
    Pending submit(Supplier<Tensor[]> task) {
        Pending p;
        if (!concurrent) {
            p = new Pending(this, null, task.get());
        } else {
            Pending queued = new Pending(this, task, null);
            EXECUTOR.execute(() -> {
                if (torch.get_num_threads() != 1) torch.set_num_threads(1);
                queued.runIfUnstarted();
            });
            p = queued;
        }
        pending.add(p);
        return p;
    }

    /** Runs, on the calling thread, every task that no thread has started yet (in submission order). */
    private void runUnstarted() {
        for (Pending p : pending) p.runIfUnstarted();
    }

    /**
     * As {@link #runUnstarted}, but stops once {@code awaited} is done: a caller waiting for one block
     * of many (RadialBlocks) takes blocks off the worker only while it would otherwise wait.
     */
    private void runUnstartedUntil(CompletableFuture<?> awaited) {
        for (int i = 0; i < pending.size() && !awaited.isDone(); i++) pending.get(i).runIfUnstarted();
    }

    /**
     * Waits for every task (even after one failed: the others still read the caller's tensors) and
     * releases the results nobody awaited; then throws the first failure not already thrown by
     * {@link Pending#await}.
     */
    @Override
    public void close() {
        runUnstarted();
        if (restoreThreads > 0) torch.set_num_threads(restoreThreads);
        // Every task ends first: a running one may still take another's tensors (Pending#take).
        for (Pending p : pending) if (p.task != null) p.result.handle((r, e) -> null).join();
        Throwable first = null;
        for (Pending p : pending) {
            if (p.task == null || p.taken) continue;
            p.taken = true;
            try {
                for (Tensor t : p.get()) t.releaseReference();
            } catch (Throwable e) {
                if (first == null) first = e;
            }
        }
        if (first instanceof RuntimeException r) throw r;
        if (first instanceof Error e) throw e;
    }

    /** A submitted task. */
    static final class Pending {
        private final WorkerThread owner;
        /** The task, or null when it ran inline at submission ({@link #inline}). */
        private final Supplier<Tensor[]> task;
        private final Tensor[] inline;
        /** Set by the first thread to run the task: the worker, or a caller waiting for another task. */
        private final AtomicBoolean started = new AtomicBoolean();
        private final CompletableFuture<Tensor[]> result = new CompletableFuture<>();
        /** Set once by the thread that takes the tensors (the caller, or a task through {@link #take}). */
        private volatile boolean taken;

        private Pending(WorkerThread owner, Supplier<Tensor[]> task, Tensor[] inline) {
            this.owner = owner;
            this.task = task;
            this.inline = inline;
        }

        /**
         * Runs the task here unless some thread already started it; its tensors outlive the scope they
         * are made in (handed over by {@link #await}, or released by {@link WorkerThread#close}).
         *
         * <p>Each tensor handed back gets a reference of its own, whether the task made it or it came
         * from elsewhere (a view the caller made): the task's scope then releases only what it holds.
         * (Detaching instead released the caller's reference of a tensor the scope did not hold.) The
         * result is published only once that scope has closed: a thread that goes on when it sees the
         * result must find this task's releases done, or two threads release one tensor at once.
         */
        private void runIfUnstarted() {
            if (task == null || !started.compareAndSet(false, true)) return;
            Tensor[] out;
            try (PointerScope scope = new PointerScope()) {
                out = task.get();
                for (Tensor t : out) t.retainReference();
            } catch (Throwable e) {
                result.completeExceptionally(e);
                return;
            }
            result.complete(out);
        }

        /**
         * The task's tensors, owned by the caller's current scope from now on; once per task. Runs
         * it here if the worker has not started it; while the worker runs it, runs the other tasks not
         * yet started, one after the other, until this one is done.
         */
        Tensor[] await() {
            if (taken) throw new IllegalStateException("this task's tensors were already taken");
            taken = true;
            if (task == null) return inline;
            runIfUnstarted();
            if (!result.isDone()) owner.runUnstartedUntil(result);
            return handOver(get());
        }

        /** {@code out}, owned by the current scope (the task's references released into it). */
        private static Tensor[] handOver(Tensor[] out) {
            PointerScope scope = PointerScope.getInnerScope();
            if (scope != null) {
                for (Tensor t : out) {
                    scope.attach(t);
                    t.releaseReference();
                }
            }
            return out;
        }

        /**
         * Waits for the task as {@link #await} does (running it, or other unstarted tasks meanwhile, on
         * the calling thread) without taking its tensors: they stay with whoever takes them.
         */
        void join() {
            if (task == null) return;
            runIfUnstarted();
            if (!result.isDone()) owner.runUnstartedUntil(result);
            get();
        }

        /**
         * The task's tensors for another task that reads them, owned by that task's scope from now on
         * (freed when it ends); once per task. Runs this one here if nobody has started it, else waits
         * for it (without running other tasks: only the calling thread walks the list of tasks).
         */
        Tensor[] take() {
            if (task == null) return inline;
            if (taken) throw new IllegalStateException("this task's tensors were already taken");
            taken = true;
            runIfUnstarted();
            return handOver(get());
        }

        private Tensor[] get() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return result.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) throw r;
                if (cause instanceof Error err) throw err;
                throw new IllegalStateException("worker task failed", cause);
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }
    }
}

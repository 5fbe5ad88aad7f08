package org.tensornet4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensornet4j.torch.Ops;
import org.tensornet4j.torch.Torch;

/**
 * The worker's failures reach the caller as they were thrown, once; results cross threads intact; a
 * caller waiting for a running task runs the queued ones itself; a task can take another's results.
 */
class WorkerThreadTest {
    @BeforeAll
    static void init() {
        Torch.init();
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "the worker thread needs a second core");
    }

    @Test
    void resultsComeBackInOrder() {
        try (PointerScope scope = new PointerScope(); WorkerThread worker = WorkerThread.forCallingThread()) {
            assertTrue(worker.concurrent());
            WorkerThread.Pending a = worker.submit(() -> new Tensor[] {torch.ones(3).mul(Ops.scalar(2))});
            WorkerThread.Pending b = worker.submit(() -> new Tensor[] {torch.ones(2), torch.zeros(4)});
            assertEquals(6.0, a.await()[0].sum().item_double());
            Tensor[] tb = b.await();
            assertEquals(2.0, tb[0].sum().item_double());
            assertEquals(4, tb[1].numel());
            assertThrows(IllegalStateException.class, a::await, "a task's tensors are taken once");
        }
    }

    @Test
    void aFailedTaskThrowsItsOwnExceptionOnceAndTheOthersStillRun() {
        int threads = torch.get_num_threads();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            try (PointerScope scope = new PointerScope(); WorkerThread worker = WorkerThread.forCallingThread()) {
                WorkerThread.Pending bad = worker.submit(() -> {
                    throw new IllegalArgumentException("radial MLP failed");
                });
                worker.submit(() -> new Tensor[] {torch.ones(2)});  // never awaited: released by close()
                bad.await();
            }
        });
        assertEquals("radial MLP failed", e.getMessage());
        assertEquals(0, e.getSuppressed().length, "close() does not throw the same failure again");
        assertEquals(threads, torch.get_num_threads(), "the caller's LibTorch threads are restored");
    }

    @Test
    void aFailureNobodyAwaitedIsThrownByClose() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (PointerScope scope = new PointerScope(); WorkerThread worker = WorkerThread.forCallingThread()) {
                worker.submit(() -> {
                    throw new IllegalStateException("lost");
                });
            }
        });
        assertEquals("lost", e.getMessage());
    }

    @Test
    void aCallerWaitingForARunningTaskRunsTheQueuedOnesItself() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ranB = new AtomicReference<>();
        try (PointerScope scope = new PointerScope(); WorkerThread worker = WorkerThread.forCallingThread()) {
            WorkerThread.Pending a = worker.submit(() -> {
                running.countDown();
                try {
                    // Only task b releases this one: were b left to the (busy) worker, this would never end.
                    if (!release.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return new Tensor[] {torch.ones(1)};
            });
            WorkerThread.Pending b = worker.submit(() -> {
                ranB.set(Thread.currentThread());
                release.countDown();
                return new Tensor[] {torch.ones(2)};
            });
            // Either thread may run this one: once b has released a, the worker is free again.
            WorkerThread.Pending c = worker.submit(() -> new Tensor[] {torch.ones(3)});
            assertTrue(running.await(30, TimeUnit.SECONDS), "the worker starts the first task");
            assertEquals(1.0, a.await()[0].sum().item_double());
            assertEquals(caller, ranB.get(), "the waiting caller ran the queued task");
            assertEquals(2, b.await()[0].numel(), "a task run by the caller hands over its tensors like the others");
            assertEquals(3, c.await()[0].numel());
        }
    }

    /**
     * A task takes an earlier one's tensors (freed when it ends), while the caller only joins that
     * earlier one; close() waits for the taking task before it releases what nobody took.
     */
    @Test
    void aTaskTakesAnEarlierOnesTensorsWhileTheCallerJoinsIt() {
        AtomicReference<Tensor> seen = new AtomicReference<>();
        try (PointerScope scope = new PointerScope(); WorkerThread worker = WorkerThread.forCallingThread()) {
            Tensor shared = torch.zeros(4);
            WorkerThread.Pending first = worker.submit(() -> {
                shared.add_(Ops.scalar(1.0));
                return new Tensor[] {torch.full(new long[] {3}, new org.bytedeco.pytorch.Scalar(2.0))};
            });
            WorkerThread.Pending second = worker.submit(() -> {
                Tensor[] t = first.take();
                seen.set(t[0]);
                return new Tensor[] {t[0].mul(Ops.scalar(5.0))};
            });
            first.join();
            assertEquals(4.0, shared.sum().item_double(), "join waits for the task");
            assertEquals(30.0, second.await()[0].sum().item_double());
            assertThrows(IllegalStateException.class, first::await, "the second task took the first one's tensors");
        }
        assertTrue(seen.get().isNull(), "the taken tensors were freed with the task that took them");
    }

    /**
     * A task may hand back a tensor the caller made: whoever takes it gets a reference of its own, so
     * the caller's tensor outlives the scope of the task that took it. (The worker is held busy, so
     * this thread runs both tasks and the taking task's scope has closed when await returns.)
     */
    @Test
    void aTensorTheCallerMadeOutlivesTheTaskThatTookIt() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        try (PointerScope scope = new PointerScope(); WorkerThread worker = WorkerThread.forCallingThread()) {
            worker.submit(() -> {
                running.countDown();
                try {
                    if (!release.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return new Tensor[0];
            });
            assertTrue(running.await(30, TimeUnit.SECONDS), "the worker is busy");
            Tensor made = torch.ones(3);
            WorkerThread.Pending first = worker.submit(() -> new Tensor[] {made});
            WorkerThread.Pending second = worker.submit(() -> new Tensor[] {first.take()[0].mul(Ops.scalar(2.0))});
            assertEquals(6.0, second.await()[0].sum().item_double());
            release.countDown();
            assertTrue(!made.isNull(), "the caller's tensor was not freed with the task that took it");
            assertEquals(3.0, made.sum().item_double());
        }
    }
}

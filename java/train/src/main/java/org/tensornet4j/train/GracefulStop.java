package org.tensornet4j.train;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C / SIGTERM during training: the JVM's shutdown would otherwise run while a LibTorch op is in
 * flight on the training thread, and LibTorch's exit-time destructors then crash the process. A
 * shutdown hook instead asks the loop to stop after the current step and waits until training has
 * let go of LibTorch ({@link #close}), so the process ends cleanly; checkpoints of finished epochs
 * are already on disk (written atomically), and {@code --resume} continues from the last one.
 */
final class GracefulStop implements AutoCloseable {
    /** Longest wait for the current step to finish before the JVM goes down anyway. */
    private static final long WAIT_SECONDS = 120;

    private final CountDownLatch released = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    GracefulStop(PrintWriter out) {
        this.hook = new Thread(() -> {
            requested = true;
            out.println("interrupted: stopping after the current step; the checkpoints of finished epochs are kept"
                    + " (continue with --resume)");
            out.flush();
            try {
                released.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tn4j-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Whether the process was asked to stop: the loop ends at the next step boundary. */
    boolean requested() {
        return requested;
    }

    /** Training no longer touches LibTorch: the shutdown (if any) may go on. */
    @Override
    public void close() {
        released.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running (or has run): nothing to remove
        }
    }
}

package org.tensornet4j.bridge;

import java.util.Map;
import org.bytedeco.pytorch.global.torch;
import org.tensornet4j.torch.Torch;

/**
 * LibTorch's intra-op threads for a potential that an engine calls every step. Inside an OpenMM step
 * a second LibTorch thread costs more than it gives on small molecules (each of the model's few
 * hundred small ops pays a fork and join, and passively waiting threads wake slowly) and pays off on
 * larger ones. Measured with tn-bench on OpenMM's CPU platform, 2 cores, ms per step, 1 vs 2 threads:
 * alanine dipeptide (22 atoms) 16.0-16.3 vs 21.1-22.2, chignolin (166 atoms) 142 vs 135, a 300-atom
 * protein fragment (plain calls) 757-851 vs 495-550 (all with plain autograd). Hence one thread below
 * {@link #SMALL_SYSTEM_ATOMS} atoms and LibTorch's default (one per core) from there on. Systems whose
 * gradient takes the native-kernel path (up to 262 144 edges at 128 channels: chignolin has 5826) run on one
 * LibTorch thread plus a worker thread for the radial MLPs whatever this count (see the model's
 * WorkerThread); the count here serves the other paths.
 *
 * <p>A user's choice wins: {@code TN4J_THREADS=n} sets n threads for every engine potential, and a set
 * {@code OMP_NUM_THREADS} (which LibTorch reads itself) leaves the count alone; on the native-kernel
 * path these take effect only with {@code TN4J_WORKER_THREAD=0} (else one thread plus the worker). The setting is
 * LibTorch's, per calling thread, so it is applied before each step in case another potential of a
 * different size ran on the same thread in between.
 */
final class EngineThreads {
    /** Systems with fewer atoms run on one LibTorch thread (the crossover lies between 22 and 166 atoms). */
    static final int SMALL_SYSTEM_ATOMS = 100;
    /** LibTorch's own thread count, read before this class first changed it. */
    private static final int LIBTORCH_DEFAULT;
    /** The count this class last set on each thread (0: none yet), to skip redundant native calls. */
    private static final ThreadLocal<int[]> APPLIED = ThreadLocal.withInitial(() -> new int[1]);

    static {
        Torch.init();
        LIBTORCH_DEFAULT = torch.get_num_threads();
    }

    private EngineThreads() {}

    /**
     * Threads for a potential of {@code atoms} atoms, or 0 to leave LibTorch's setting as it is.
     *
     * @param env the process environment (TN4J_THREADS, OMP_NUM_THREADS)
     * @throws IllegalArgumentException when TN4J_THREADS is not a positive integer
     */
    static int choose(int atoms, Map<String, String> env, int libtorchDefault) {
        String requested = env.get("TN4J_THREADS");
        if (requested != null && !requested.isBlank()) {
            int n;
            try {
                n = Integer.parseInt(requested.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new IllegalArgumentException("TN4J_THREADS must be a positive integer (LibTorch threads per engine step), got \""
                        + requested + "\"; unset it to let tensornet4j choose by system size");
            }
            return n;
        }
        if (env.get("OMP_NUM_THREADS") != null) return 0;
        return atoms < SMALL_SYSTEM_ATOMS ? 1 : libtorchDefault;
    }

    /** {@link #choose} for this process. */
    static int choose(int atoms) {
        return choose(atoms, System.getenv(), LIBTORCH_DEFAULT);
    }

    /** Makes {@code threads} LibTorch's count on the calling thread (no-op for 0 or when already set). */
    static void apply(int threads) {
        int[] applied = APPLIED.get();
        if (threads <= 0 || applied[0] == threads) return;
        torch.set_num_threads(threads);
        applied[0] = threads;
    }

    /** LibTorch's thread count before any engine potential changed it. */
    static int libtorchDefault() {
        return LIBTORCH_DEFAULT;
    }
}

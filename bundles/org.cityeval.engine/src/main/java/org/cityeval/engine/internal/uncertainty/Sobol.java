package org.cityeval.engine.internal.uncertainty;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Variance-based sensitivity analysis of any model with {@code k} inputs, each uniform on [0, 1), and
 * {@code m} outputs computed together (e.g. a summary of a ranking and the rank of every unit).
 * <p>
 * <b>Design</b> (Saltelli): two independent N × k sample matrices A and B and, for each input i, the matrix
 * A<sub>B</sub><sup>(i)</sup> = A with column i taken from B: N (k + 2) model runs. Row j of A and of B is
 * drawn from its own {@link SplittableRandom}, seeded from the seed and j alone, so the sample — and so the
 * result — does not depend on the number of threads nor on which thread runs which row. Plain Monte Carlo
 * ({@link #monteCarlo}) runs the rows of A only.
 * <p>
 * <b>Estimators</b> (Jansen 1999, as recommended by Saltelli et al. 2010), per output:
 * <pre>
 * V    = variance of f over the 2N runs of A and B together (denominator 2N − 1)
 * S_i  = (V − 1/(2N) Σ_j (f(B_j) − f(A_B^(i)_j))²) / V        first-order index
 * S_Ti = 1/(2N) Σ_j (f(A_j) − f(A_B^(i)_j))² / V               total index
 * </pre>
 * An output that never varies (V = 0) has no variance to apportion: its indices are reported as 0. Runs that
 * give NaN for an output are left out of that output's sums (and of its N).
 * <p>
 * <b>Evaluation</b>: a fixed pool of worker threads, each with its own {@link Model} instance from the
 * supplier (so a model can keep per-thread scratch arrays and allocate nothing per run), takes blocks of
 * rows j and runs A<sub>j</sub>, B<sub>j</sub> and the k rows A<sub>B</sub><sup>(i)</sup><sub>j</sub>.
 */
public final class Sobol {
    /** Rows j per unit of work handed to a thread. */
    private static final int BLOCK = 8;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Sobol() {
    }

    /** The model: reads the inputs, writes the outputs. Called from one thread per instance. */
    @FunctionalInterface
    public interface Model {
        /**
         * @param x the k inputs, each in [0, 1); the model must not keep the array
         * @param y the m outputs to fill; the model must not keep the array
         */
        void evaluate(double[] x, double[] y);
    }

    /**
     * The runs of a design and their outputs.
     *
     * @param k       inputs
     * @param m       outputs per run
     * @param n       base sample size N
     * @param saltelli whether the design is Saltelli's (N (k + 2) rows) or plain Monte Carlo (N rows)
     * @param outputs output o of run r at {@code r * m + o}; runs are ordered A (rows 0..N−1), B (N..2N−1),
     *                then A_B^(i) for i = 0..k−1 (rows (2 + i)N + j)
     * @param threads worker threads used
     * @param nanos   wall time of the runs
     */
    public record Runs(int k, int m, int n, boolean saltelli, double[] outputs, int threads, long nanos) {
        /** @return the number of model runs */
        public int runs() {
            return outputs.length / m;
        }

        /** @return output o of run r */
        public double output(int r, int o) {
            return outputs[r * m + o];
        }
    }

    /**
     * Sobol indices per output.
     *
     * @param variance per output, V
     * @param first    [output][input] first-order indices S_i
     * @param total    [output][input] total indices S_Ti
     */
    public record Indices(double[] variance, double[][] first, double[][] total) {
    }

    /**
     * Runs the Saltelli design.
     *
     * @param k        inputs (at least 1)
     * @param m        outputs (at least 1)
     * @param n        base sample size N (at least 2)
     * @param seed     random seed
     * @param threads  worker threads, 0 for one per available processor
     * @param models   gives each worker thread its own model instance
     * @param progress told the number of runs done, about every 1% (may be {@code null})
     */
    public static Runs saltelli(int k, int m, int n, long seed, int threads, Supplier<? extends Model> models,
            IntConsumer progress) {
        return run(k, m, n, seed, threads, models, progress, true);
    }

    /** Runs N rows of plain Monte Carlo (the rows of A of the Saltelli design with the same seed). */
    public static Runs monteCarlo(int k, int m, int n, long seed, int threads, Supplier<? extends Model> models,
            IntConsumer progress) {
        return run(k, m, n, seed, threads, models, progress, false);
    }

    /** Runs the design and estimates the indices: {@link #saltelli} then {@link #jansen}. */
    public static Indices indices(int k, int m, int n, long seed, int threads, Supplier<? extends Model> models) {
        return jansen(saltelli(k, m, n, seed, threads, models, null));
    }

    /** Jansen's estimators of the first-order and total indices, from the runs of a Saltelli design. */
    public static Indices jansen(Runs runs) {
        if (!runs.saltelli()) {
            throw new IllegalArgumentException("Sobol indices need the Saltelli design");
        }
        int k = runs.k();
        int m = runs.m();
        int n = runs.n();
        double[] y = runs.outputs();
        double[] variance = new double[m];
        double[][] first = new double[m][k];
        double[][] total = new double[m][k];
        for (int o = 0; o < m; o++) {
            // variance over A and B together (two-pass for accuracy)
            double sum = 0;
            int count = 0;
            for (int r = 0; r < 2 * n; r++) {
                double v = y[r * m + o];
                if (!Double.isNaN(v)) {
                    sum += v;
                    count++;
                }
            }
            double mean = count == 0 ? 0 : sum / count;
            double ss = 0;
            for (int r = 0; r < 2 * n; r++) {
                double v = y[r * m + o];
                if (!Double.isNaN(v)) {
                    ss += (v - mean) * (v - mean);
                }
            }
            double var = count > 1 ? ss / (count - 1) : 0;
            variance[o] = var;
            if (!(var > 0)) {
                continue; // no variance to apportion: indices 0
            }
            for (int i = 0; i < k; i++) {
                double sumB = 0;
                double sumA = 0;
                int nB = 0;
                int nA = 0;
                int base = (2 + i) * n;
                for (int j = 0; j < n; j++) {
                    double a = y[j * m + o];
                    double b = y[(n + j) * m + o];
                    double ab = y[(base + j) * m + o];
                    if (!Double.isNaN(b) && !Double.isNaN(ab)) {
                        sumB += (b - ab) * (b - ab);
                        nB++;
                    }
                    if (!Double.isNaN(a) && !Double.isNaN(ab)) {
                        sumA += (a - ab) * (a - ab);
                        nA++;
                    }
                }
                first[o][i] = nB == 0 ? 0 : (var - sumB / (2.0 * nB)) / var;
                total[o][i] = nA == 0 ? 0 : sumA / (2.0 * nA) / var;
            }
        }
        return new Indices(variance, first, total);
    }

    /** Row j of A (into a) and of B (into b): 2k uniforms from row j's own generator. */
    static void sampleRow(long seed, int j, double[] a, double[] b) {
        SplittableRandom rng = new SplittableRandom(mix64(seed ^ mix64((j + 1L) * GOLDEN)));
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble();
        }
        if (b != null) {
            for (int i = 0; i < b.length; i++) {
                b[i] = rng.nextDouble();
            }
        }
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser (SplitMix64's mixer). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return the worker threads for {@code threads} (0: one per available processor) */
    public static int threads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (one per core) or more, not " + threads);
        }
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    private static Runs run(int k, int m, int n, long seed, int threads, Supplier<? extends Model> models,
            IntConsumer progress, boolean saltelli) {
        if (k < 1 || m < 1 || n < 2) {
            throw new IllegalArgumentException("need k ≥ 1 inputs, m ≥ 1 outputs and N ≥ 2, not k = " + k + ", m = "
                    + m + ", N = " + n);
        }
        int perRow = saltelli ? k + 2 : 1;
        long rows = (long) n * perRow;
        if (rows * m > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("N (k + 2) × outputs = " + rows * m + " values is too many");
        }
        int workers = Math.max(1, Math.min(threads(threads), (n + BLOCK - 1) / BLOCK));
        double[] outputs = new double[(int) rows * m];
        Progress tally = new Progress((int) rows, progress);
        AtomicInteger nextBlock = new AtomicInteger();
        long t0 = System.nanoTime();
        if (workers == 1) {
            new Worker(k, m, n, seed, saltelli, models.get(), outputs, nextBlock, tally).run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "cityeval-sobol");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    Model model = models.get();
                    futures.add(pool.submit(new Worker(k, m, n, seed, saltelli, model, outputs, nextBlock, tally)));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            } finally {
                pool.shutdownNow();
                awaitWorkers(pool);
            }
        }
        return new Runs(k, m, n, saltelli, outputs, workers, System.nanoTime() - t0);
    }

    /**
     * Waits (a hang guard of 10 s) until the workers have left their block, so that an abandoned or cancelled
     * analysis has no thread computing when it returns; keeps the caller's interrupt.
     */
    private static void awaitWorkers(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Takes blocks of rows j until none are left. */
    private static final class Worker implements Runnable {
        private final int k;
        private final int m;
        private final int n;
        private final long seed;
        private final boolean saltelli;
        private final Model model;
        private final double[] outputs;
        private final AtomicInteger nextBlock;
        private final Progress tally;
        private final double[] a;
        private final double[] b;
        private final double[] ab;
        private final double[] y;

        Worker(int k, int m, int n, long seed, boolean saltelli, Model model, double[] outputs, AtomicInteger nextBlock,
                Progress tally) {
            this.k = k;
            this.m = m;
            this.n = n;
            this.seed = seed;
            this.saltelli = saltelli;
            this.model = model;
            this.outputs = outputs;
            this.nextBlock = nextBlock;
            this.tally = tally;
            this.a = new double[k];
            this.b = saltelli ? new double[k] : null;
            this.ab = new double[k];
            this.y = new double[m];
        }

        @Override
        public void run() {
            int blocks = (n + BLOCK - 1) / BLOCK;
            for (int blk = nextBlock.getAndIncrement(); blk < blocks; blk = nextBlock.getAndIncrement()) {
                if (Thread.currentThread().isInterrupted()) {
                    // the analysis was abandoned (its time limit passed, or it was cancelled): stop taking blocks
                    throw new IllegalStateException("interrupted");
                }
                if (tally.stopped) {
                    // the progress listener refused to go on (a cancelled job): stop taking blocks
                    throw new CancellationException("cancelled");
                }
                int end = Math.min(n, (blk + 1) * BLOCK);
                int done = 0;
                for (int j = blk * BLOCK; j < end; j++) {
                    sampleRow(seed, j, a, b);
                    eval(a, j);
                    done++;
                    if (saltelli) {
                        eval(b, n + j);
                        for (int i = 0; i < k; i++) {
                            System.arraycopy(a, 0, ab, 0, k);
                            ab[i] = b[i];
                            eval(ab, (2 + i) * n + j);
                        }
                        done += k + 1;
                    }
                }
                tally.add(done);
            }
        }

        private void eval(double[] x, int row) {
            model.evaluate(x, y);
            System.arraycopy(y, 0, outputs, row * m, m);
        }
    }

    /**
     * Counts runs and tells the listener about every 1%, in increasing order. A listener that throws (e.g. a
     * {@link CancellationException} for a cancelled job) stops the analysis: every worker stops at its next block.
     */
    private static final class Progress {
        private final int total;
        private final int step;
        private final IntConsumer listener;
        private final AtomicInteger done = new AtomicInteger();
        private int told;
        volatile boolean stopped;

        Progress(int total, IntConsumer listener) {
            this.total = total;
            // every 1 % of the runs, but at least every 256 runs, so that a long analysis shows its first progress
            // after a fraction of a second rather than after its first 1 % (issue 15: 1,000 runs of 100,000)
            this.step = Math.max(1, Math.min(total / 100, 256));
            this.listener = listener;
        }

        void add(int runs) {
            int now = done.addAndGet(runs);
            if (listener == null || (now / step == (now - runs) / step && now != total)) {
                return;
            }
            synchronized (this) {
                if (now > told) {
                    told = now;
                    try {
                        listener.accept(now);
                    } catch (RuntimeException | Error e) {
                        stopped = true;
                        throw e;
                    }
                }
            }
        }
    }
}

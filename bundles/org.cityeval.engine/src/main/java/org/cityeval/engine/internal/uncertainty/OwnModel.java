package org.cityeval.engine.internal.uncertainty;

import java.util.ArrayList;
import java.util.List;

import org.cityeval.api.data.BadInputException;
import org.cityeval.engine.internal.ModelPipeline;

/**
 * The model's own pipeline in the analysis: {@link ModelPipeline}, {@code evaluate}'s code, with the leaf points
 * of every discrete choice computed once before the runs.
 * <p>
 * Per winsorisation limit the scored leaves' prepared values are treated ({@link Treatment}) and, per
 * normalisation, turned into points: {@link Normalisation#MODEL} through the leaves' own scoring rules with
 * their parameters (no winsorisation: exactly {@code evaluate}'s points); min-max and rank as score rates
 * (0 to 1: (s − 1) / 99 of min-max onto [1, 100], (rank − 1) / (ranked − 1)) × the leaf's weight. Points the
 * data give for inner nodes are used as they are. A run perturbs the weights ({@link #weights}) and aggregates
 * with the model's rules ({@link ModelPipeline#totals}).
 */
final class OwnModel {

    final ModelPipeline pipeline;
    /**
     * Per alternative aggregation of the analysis (by its index), the pipeline that aggregates a run: this
     * {@link #pipeline} for the model's own rules, a copy with one engine rule at every node for {@code genmean}
     * and {@code copeland} ({@link ModelPipeline#withAggregation}), null for COINr's means; set once after
     * construction.
     */
    ModelPipeline[] byAggregation;
    final int[] winmaxes;
    /** [slot][normalisation ordinal] → per node points over the pipeline's units, null when not asked for */
    private final double[][][][] points;
    /** per tree level (1..), its nodes */
    final int[][] levelNodes;

    /**
     * @param norms the normalisations the runs may ask for
     * @param aggs  the aggregations the runs may ask for: leaf points of the other normalisations are needed only
     *              under the model's own aggregation, the model's own scores under any
     */
    OwnModel(ModelPipeline pipeline, int[] winmaxes, List<Normalisation> norms, List<Aggregation> aggs,
            boolean logFallback) throws BadInputException {
        this.pipeline = pipeline;
        this.winmaxes = winmaxes.clone();
        int nodes = pipeline.nodes;
        this.points = new double[winmaxes.length][Normalisation.values().length][][];
        boolean ownScores = norms.contains(Normalisation.MODEL);
        boolean ownMeans = aggs.stream().anyMatch(Aggregation::ruleBased);
        for (int slot = 0; slot < winmaxes.length && (ownScores || ownMeans); slot++) {
            double[][] values = new double[nodes][];
            for (int node = 0; node < nodes; node++) {
                double[] raw = pipeline.prep.raw[node];
                if (raw != null && pipeline.scoredLeaf(node) && winmaxes[slot] > 0) {
                    values[node] = Treatment.treat(raw, winmaxes[slot], logFallback).values();
                } else {
                    values[node] = raw;
                }
            }
            double[][] own = pipeline.points(values);
            points[slot][Normalisation.MODEL.ordinal()] = own; // also the leaves' scores under COINr's means
            for (Normalisation norm : norms) {
                if (norm == Normalisation.Z_SCORE || !ownMeans) {
                    continue; // no score rate: never with the model's own aggregation
                }
                if (norm == Normalisation.MODEL) {
                    points[slot][norm.ordinal()] = own;
                    continue;
                }
                double[][] p = own.clone();
                for (int node = 0; node < nodes; node++) {
                    if (values[node] != null && pipeline.scoredLeaf(node)) {
                        p[node] = rescored(norm, values[node], pipeline.negative(node), pipeline.weight(node));
                    }
                }
                points[slot][norm.ordinal()] = p;
            }
        }
        int maxLevel = 0;
        for (int node = 0; node < nodes; node++) {
            maxLevel = Math.max(maxLevel, pipeline.level(node));
        }
        List<List<Integer>> byLevel = new ArrayList<>();
        for (int lv = 0; lv <= maxLevel; lv++) {
            byLevel.add(new ArrayList<>());
        }
        for (int node = 0; node < nodes; node++) {
            byLevel.get(pipeline.level(node)).add(node);
        }
        levelNodes = new int[maxLevel + 1][];
        for (int lv = 0; lv <= maxLevel; lv++) {
            levelNodes[lv] = byLevel.get(lv).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private static double[] rescored(Normalisation norm, double[] values, boolean negative, double weight) {
        double[] s = norm.apply(values, negative);
        int ranked = 0;
        for (double v : s) {
            ranked += v == v ? 1 : 0;
        }
        double[] out = new double[s.length];
        for (int u = 0; u < s.length; u++) {
            double rate = switch (norm) {
                case MIN_MAX -> (s[u] - 1) / 99;
                case RANK -> ranked > 1 ? (s[u] - 1) / (ranked - 1) : 1;
                default -> throw new IllegalStateException(norm + " gives no score rate");
            };
            out[u] = rate * weight;
        }
        return out;
    }

    /** @return per node the points of one combination of choices (computed before the runs) */
    double[][] points(int slot, Normalisation norm) {
        double[][] p = points[slot][norm.ordinal()];
        if (p == null) {
            throw new IllegalStateException("no points for " + norm + " at slot " + slot);
        }
        return p;
    }

    /**
     * Multiplies the factors of the nodes at {@code level} by factors uniform in [1 − noise, 1 + noise], drawn
     * from a SplitMix64 stream seeded from {@code bits} and the level (as {@link CompiledModel#perturb}).
     */
    void perturb(double[] factor, int level, double noise, long bits) {
        CompiledModel.perturb(levelNodes, factor, level, noise, bits);
    }

    /**
     * The run's weights from the factors: top-down, each node's children get weight × factor, rescaled so that
     * they add up to what the model's children weights add up to, in proportion to the parent's run weight — the
     * siblings are renormalised and a node's points stay within its weight. Factors of 1 give the model's weights.
     */
    void weights(double[] factor, double[] out) {
        out[0] = pipeline.weight(0);
        for (int lv = 0; lv + 1 < levelNodes.length; lv++) {
            for (int p : levelNodes[lv]) {
                int[] kids = pipeline.children(p);
                if (kids.length == 0) {
                    continue;
                }
                double model = 0;
                double run = 0;
                for (int k : kids) {
                    model += pipeline.weight(k);
                    run += pipeline.weight(k) * factor[k];
                }
                double scale = out[p] / pipeline.weight(p) * (model / run);
                for (int k : kids) {
                    out[k] = pipeline.weight(k) * factor[k] * scale;
                }
            }
        }
    }
}

package org.cityeval.engine.internal.uncertainty;

import org.cityeval.api.analysis.AggregationChoice;

/**
 * How a node's children are combined: a weighted mean over the children that have a score, the weights
 * renormalised over them (COINr's {@code a_amean}, {@code a_gmean}, {@code a_hmean}).
 * <p>
 * All three are a weighted <em>arithmetic</em> mean in a transformed space: the geometric mean is
 * exp(Σ w ln x / Σ w), the harmonic mean is 1 / (Σ w (1/x) / Σ w). Nested means stay in that space (the log of
 * a geometric mean is the weighted mean of the children's logs), so the leaves are transformed once — ln x,
 * or −1/x so that higher stays better — and a run needs no logarithm at all. Ranking the transformed
 * index is ranking the index, as both transforms are increasing.
 */
enum Aggregation {
    ARITHMETIC("arithmetic", "weighted arithmetic mean"),
    GEOMETRIC("geometric", "weighted geometric mean"),
    HARMONIC("harmonic", "weighted harmonic mean"),
    /**
     * The model's own aggregation rule at every node, its missing-data policy and precision: {@code evaluate}'s
     * (see {@link OwnModel}); never used through {@link #transform}.
     */
    MODEL("model", "the model's own aggregation rules"),
    /**
     * The engine's {@code genmean} rule at every node with the alternative's exponent, through the model's own
     * pipeline ({@link OwnModel}, {@code ModelPipeline#withAggregation}); never used through {@link #transform}.
     */
    GENMEAN("genmean", "the generalised mean (the engine's genmean rule)"),
    /** The engine's {@code copeland} rule at every node, as {@link #GENMEAN}. */
    COPELAND("copeland", "Copeland outranking (the engine's copeland rule)");

    final String id;
    final String words;

    Aggregation(String id, String words) {
        this.id = id;
        this.words = words;
    }

    /** @return the aggregation of the choice */
    static Aggregation of(AggregationChoice choice) {
        return switch (choice) {
            case MODEL -> MODEL;
            case ARITHMETIC -> ARITHMETIC;
            case GEOMETRIC -> GEOMETRIC;
            case HARMONIC -> HARMONIC;
            case GENERALISED_MEAN -> GENMEAN;
            case COPELAND -> COPELAND;
        };
    }

    /**
     * Whether the runs aggregate with engine rules over the model's own pipeline (the model's rules, or one
     * rule at every node) rather than COINr's means over the compiled matrix.
     */
    boolean ruleBased() {
        return this == MODEL || this == GENMEAN || this == COPELAND;
    }

    /** Whether the mean needs strictly positive scores. */
    boolean needsPositive() {
        return this == GEOMETRIC || this == HARMONIC;
    }

    /** The leaf score in the space where this mean is arithmetic; NaN for a score the mean cannot take. */
    double transform(double v) {
        return switch (this) {
            case ARITHMETIC -> v;
            case GEOMETRIC -> v > 0 ? Math.log(v) : Double.NaN;
            case HARMONIC -> v > 0 ? -1 / v : Double.NaN;
            case MODEL, GENMEAN, COPELAND -> throw new IllegalStateException(id + " has no transform");
        };
    }

    /** The mean from its transformed value. */
    double inverse(double t) {
        return switch (this) {
            case ARITHMETIC -> t;
            case GEOMETRIC -> Math.exp(t);
            case HARMONIC -> -1 / t;
            case MODEL, GENMEAN, COPELAND -> throw new IllegalStateException(id + " has no transform");
        };
    }
}

package org.cityeval.engine.internal.uncertainty;

import java.util.Locale;

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
    HARMONIC("harmonic", "weighted harmonic mean");

    final String id;
    final String words;

    Aggregation(String id, String words) {
        this.id = id;
        this.words = words;
    }

    /** @return the aggregation called {@code name} (also COINr's a_amean, a_gmean, a_hmean), or null */
    static Aggregation of(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "arithmetic", "a-amean", "amean", "weighted-sum", "weighted-mean" -> ARITHMETIC;
            case "geometric", "a-gmean", "gmean" -> GEOMETRIC;
            case "harmonic", "a-hmean", "hmean" -> HARMONIC;
            default -> null;
        };
    }

    /** Whether the mean needs strictly positive scores. */
    boolean needsPositive() {
        return this != ARITHMETIC;
    }

    /** The leaf score in the space where this mean is arithmetic; NaN for a score the mean cannot take. */
    double transform(double v) {
        return switch (this) {
            case ARITHMETIC -> v;
            case GEOMETRIC -> v > 0 ? Math.log(v) : Double.NaN;
            case HARMONIC -> v > 0 ? -1 / v : Double.NaN;
        };
    }

    /** The mean from its transformed value. */
    double inverse(double t) {
        return switch (this) {
            case ARITHMETIC -> t;
            case GEOMETRIC -> Math.exp(t);
            case HARMONIC -> -1 / t;
        };
    }
}

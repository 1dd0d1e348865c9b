package org.cityeval.api.analysis;

import org.osgi.annotation.versioning.ProviderType;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the uncertainty analysis combines a node's children in a run.
 * <p>
 * Example: {@code AggregationChoice.parse("geometric")}; a spec with {@code List.of(MODEL, GEOMETRIC)} varies
 * between the model's own aggregation rules and weighted geometric means.
 */
@ProviderType
public enum AggregationChoice {
    /**
     * The model's own aggregation rule at every node with its parameters, its missing-data policy and its
     * precision (totals ranked after rounding), as {@code evaluate} computes them (the default).
     */
    MODEL("model"),
    /** Weighted arithmetic means over the children with data (COINr's a_amean). */
    ARITHMETIC("arithmetic"),
    /** Weighted geometric means over the children with data (COINr's a_gmean). */
    GEOMETRIC("geometric"),
    /** Weighted harmonic means over the children with data (COINr's a_hmean). */
    HARMONIC("harmonic"),
    /**
     * The engine's {@code genmean} rule (COINr's a_genmean) at every node, with an exponent p given as
     * {@code genmean:P} ({@link AggregationAlternative}). @since 1.6
     */
    GENERALISED_MEAN("genmean"),
    /** The engine's {@code copeland} rule (COINr's a_copeland, outranking over all units) at every node. @since 1.6 */
    COPELAND("copeland");

    private final String id;

    AggregationChoice(String id) {
        this.id = id;
    }

    /**
     * @return the name people write: {@code model}, {@code arithmetic}, {@code geometric}, {@code harmonic},
     *         {@code genmean}, {@code copeland}
     */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /**
     * @param name as people write it (case and {@code _} for {@code -} do not matter; COINr's {@code a_amean},
     *             {@code a_gmean}, {@code a_hmean} too)
     * @throws IllegalArgumentException for another name; the message lists the valid ones
     */
    public static AggregationChoice parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "model", "own", "model's own" -> MODEL;
            case "arithmetic", "a-amean", "amean", "weighted-mean", "weighted-sum" -> ARITHMETIC;
            case "geometric", "a-gmean", "gmean" -> GEOMETRIC;
            case "harmonic", "a-hmean", "hmean" -> HARMONIC;
            case "genmean", "a-genmean", "generalised-mean", "generalized-mean", "power-mean" -> GENERALISED_MEAN;
            case "copeland", "a-copeland" -> COPELAND;
            default -> throw new IllegalArgumentException("aggregation '" + name + "' is not available: use one of "
                    + valid());
        };
    }

    /** @return the valid names, comma-separated */
    public static String valid() {
        return Arrays.stream(values()).map(AggregationChoice::id).collect(Collectors.joining(", "));
    }

    /** Whether the mean needs strictly positive scores. */
    public boolean needsPositive() {
        return this == GEOMETRIC || this == HARMONIC;
    }

    /** @return whether the choice takes a parameter ({@code genmean}: its exponent p) @since 1.6 */
    public boolean parameterised() {
        return this == GENERALISED_MEAN;
    }
}

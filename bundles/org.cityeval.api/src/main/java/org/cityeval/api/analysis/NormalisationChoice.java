package org.cityeval.api.analysis;

import org.osgi.annotation.versioning.ProviderType;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the uncertainty analysis turns a leaf's values into scores in a run.
 * <p>
 * Example: {@code NormalisationChoice.parse("min-max")}; a spec with {@code List.of(MODEL, RANK)} varies
 * between the model's own scoring rules and rank scores.
 */
@ProviderType
public enum NormalisationChoice {
    /** The leaf's own scoring rule with its parameters, as {@code evaluate} scores it (the default). */
    MODEL("model"),
    /** Min-max onto [1, 100] (COINr's n_minx with [1, 100], so geometric and harmonic means meet no zero). */
    MIN_MAX("min-max"),
    /** Rank scores: 1 + the number of units below. */
    RANK("rank"),
    /** Z-scores (mean 0, standard deviation 1); arithmetic means only. */
    Z_SCORE("z-score");

    private final String id;

    NormalisationChoice(String id) {
        this.id = id;
    }

    /** @return the name people write: {@code model}, {@code min-max}, {@code rank}, {@code z-score} */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /**
     * @param name as people write it (case and {@code _} for {@code -} do not matter; COINr's {@code n_minx},
     *             {@code n_rank}, {@code n_zscore} too)
     * @throws IllegalArgumentException for another name; the message lists the valid ones
     */
    public static NormalisationChoice parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (n) {
            case "model", "own", "model's own" -> {
                return MODEL;
            }
            case "min-max", "minmax", "n-minx", "n-minmax" -> {
                return MIN_MAX;
            }
            case "rank", "n-rank" -> {
                return RANK;
            }
            case "z-score", "zscore", "n-zscore" -> {
                return Z_SCORE;
            }
            default -> {
                String why = n.equals("goalposts") || n.equals("distance-to-target")
                        ? " (" + n + " needs per-indicator bounds or targets the analysis does not have: a model "
                                + "that scores with it is analysed with 'model')"
                        : "";
                throw new IllegalArgumentException("normalisation '" + name + "' is not available: use one of "
                        + valid() + why);
            }
        }
    }

    /** @return the valid names, comma-separated */
    public static String valid() {
        return Arrays.stream(values()).map(NormalisationChoice::id).collect(Collectors.joining(", "));
    }
}

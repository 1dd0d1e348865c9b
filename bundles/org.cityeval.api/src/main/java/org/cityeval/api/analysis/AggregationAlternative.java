package org.cityeval.api.analysis;

import java.math.BigDecimal;
import java.util.Locale;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One alternative aggregation of an uncertainty analysis, with its parameter: {@code genmean:0.5} is the
 * generalised mean with exponent 0.5, {@code copeland} Copeland outranking, {@code geometric} a choice without
 * parameter ({@link AggregationChoice}).
 * <p>
 * Example: {@code AggregationAlternative.parse("genmean:-1")}; a spec with the alternatives {@code model},
 * {@code genmean:0.5}, {@code copeland} varies between the model's own rules and the engine's {@code genmean}
 * (p = 0.5) and {@code copeland} rules at every node.
 *
 * @param choice the aggregation
 * @param p      the exponent of {@link AggregationChoice#GENERALISED_MEAN} (a number other than 0); {@code null}
 *               for the others
 * @since 1.6
 */
@ProviderType
public record AggregationAlternative(AggregationChoice choice, Double p) {
    /** What {@link #parse} accepts, for messages. */
    public static final String SPELLINGS = "model, arithmetic, geometric, harmonic, genmean:P (P a number other "
            + "than 0, e.g. genmean:0.5) or copeland";

    /**
     * @throws IllegalArgumentException without a choice, for a generalised mean without an exponent or with 0
     *                                  or a non-finite one, or for an exponent given to another choice
     */
    public AggregationAlternative {
        if (choice == null) {
            throw new IllegalArgumentException("no aggregation: use one of " + SPELLINGS);
        }
        if (choice.parameterised() && (p == null || !Double.isFinite(p) || p == 0)) {
            throw new IllegalArgumentException("genmean needs its exponent p, a number other than 0 (p = 0 is the "
                    + "geometric mean: use geometric), as genmean:P, e.g. genmean:0.5; not " + p);
        }
        if (!choice.parameterised() && p != null) {
            throw new IllegalArgumentException(choice.id() + " takes no parameter; only genmean:P does");
        }
    }

    /** An alternative without parameter. */
    public static AggregationAlternative of(AggregationChoice choice) {
        return new AggregationAlternative(choice, null);
    }

    /**
     * @param text as people write it: a name {@link AggregationChoice#parse} reads, or {@code genmean:P}
     * @throws IllegalArgumentException for anything else; the message lists what is accepted
     */
    public static AggregationAlternative parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.indexOf(':');
        if (colon < 0) {
            AggregationChoice c;
            try {
                c = AggregationChoice.parse(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("aggregation '" + text + "' is not available: use one of "
                        + SPELLINGS);
            }
            if (c.parameterised()) {
                throw new IllegalArgumentException("aggregation '" + text + "' needs its exponent: genmean:P, e.g. "
                        + "genmean:0.5 (1 is the arithmetic mean, -1 the harmonic)");
            }
            return of(c);
        }
        AggregationChoice c;
        try {
            c = AggregationChoice.parse(t.substring(0, colon));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("aggregation '" + text + "' is not available: use one of " + SPELLINGS);
        }
        if (!c.parameterised()) {
            throw new IllegalArgumentException("aggregation '" + text + "': " + c.id() + " takes no parameter; use "
                    + "one of " + SPELLINGS);
        }
        double p;
        try {
            p = Double.parseDouble(t.substring(colon + 1).trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("aggregation '" + text + "': the exponent after ':' is a number, e.g. "
                    + "genmean:0.5");
        }
        return new AggregationAlternative(c, p);
    }

    /** @return the spelling {@link #parse} reads: {@code genmean:0.5}, {@code copeland} */
    @Override
    public String toString() {
        return p == null ? choice.id() : choice.id() + ":" + BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
    }
}

package org.cityeval.engine.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.cityeval.api.model.Tier;
import org.cityeval.api.model.TierScheme;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.TierRule;
import org.osgi.service.component.annotations.Component;

/**
 * {@code rank-shares}: tiers by rank. The units with a value are sorted best (highest) first; each tier,
 * from best to worst, takes a {@code share} of the ranked units (0..1) or a {@code count} of them. The last
 * tier may give neither and takes the rest. Units without a value (NaN) are not ranked: they get no tier
 * and are not counted in n. An example is CSTC's top 16% 领军, next 34% 先锋, last 50% 探索, or Guomai
 * PSFT's regions by count: 1, 2, 2 and the rest.
 * <p>
 * <b>Boundaries are cumulative.</b> The boundary after tier i is
 * {@code Σcount(≤ i) + rounding(n × Σshare(≤ i))}; the second boundary is round(n × (s1 + s2)), not
 * round(n × s1) + round(n × s2). Rounding each tier's own size would let the sizes add up to n ± 1 or more
 * (104 cities with 16/34/50: 16.64 → 17, 35.36 → 35, 52 → 52 is 104, but 15/35/50 of 10 would give 2 +
 * 4 + 5 = 11); rounding the running total can never lose or invent a unit, and the tiers always add up to
 * n. Units that the tiers leave over (shares adding up to less than 1, counts less than n) go to the last
 * tier; counts beyond n are cut at n. Shares are summed as decimals, so 16% of 100 is exactly 16.
 * <p>
 * Parameters (all optional):
 * <ul>
 * <li>{@code rounding}: how n × Σshare becomes a whole number of units: {@code round} (half up, the
 * default), {@code floor} or {@code ceil}. With n = 10, a 16% top tier has 2, 1 or 2 units.</li>
 * <li>{@code ties}: equal values are never split. When a run of equal values straddles a boundary, either
 * all of them go to the better tier ({@code upper}, the default: the boundary moves down the ranking) or
 * all to the worse tier ({@code lower}: the boundary moves up). A run straddling two boundaries may empty
 * the tier between them.</li>
 * <li>{@code units}: the plural noun the notes use, {@code cities} by default ({@code regions},
 * {@code provinces} for group tiers).</li>
 * </ul>
 * Unknown parameters or values are errors. The notes state n, the rounding and ties, how each boundary
 * was drawn and every boundary a tie moved, e.g.
 * {@code rank-shares over 104 ranked cities (rounding: round, ties: upper): 领军 top 16% = 16.64 → 17
 * cities; 先锋 to 50% = 52.00 → 52 (35 cities); 探索 the remaining 52} and
 * {@code tie at 72.4 across the 领军/先锋 boundary (positions 17–18): both placed in 领军 (ties: upper), so
 * 领军 has 18 and 先锋 34}.
 * <p>
 * Descriptor example:
 *
 * <pre>
 * "tiers": {
 *   "rule": "rank-shares",
 *   "parameters": {"rounding": "round", "ties": "upper"},
 *   "tiers": [
 *     {"id": "领军", "share": 0.16},
 *     {"id": "先锋", "share": 0.34},
 *     {"id": "探索"}
 *   ]
 * }
 * </pre>
 */
// the parameters it reads, declared so that validation finds a misspelt one before evaluation
@Component(property = { Rules.NAME + "=" + RankSharesTierRule.NAME, Rules.PARAMETERS + "=" + RankSharesTierRule.ROUNDING, Rules.PARAMETERS + "=" + RankSharesTierRule.TIES, Rules.PARAMETERS + "=" + RankSharesTierRule.UNITS })
public class RankSharesTierRule implements TierRule {
    public static final String NAME = "rank-shares";
    static final String ROUNDING = "rounding";
    static final String TIES = "ties";
    static final String UNITS = "units";
    static final String ROUND = "round";
    static final String FLOOR = "floor";
    static final String CEIL = "ceil";
    static final String UPPER = "upper";
    static final String LOWER = "lower";

    @Override
    public Assignment assign(double[] values, TierScheme scheme) {
        Map<String, Object> p = scheme.parameters();
        RuleParameters.allowOnly(p, NAME, ROUNDING, TIES, UNITS);
        String rounding = RuleParameters.choice(p, ROUNDING, ROUND, NAME, ROUND, FLOOR, CEIL);
        String ties = RuleParameters.choice(p, TIES, UPPER, NAME, UPPER, LOWER);
        String units = units(p);
        List<Tier> tiers = scheme.tiers();
        check(tiers);
        int k = tiers.size();

        // The ranked units, best first; equal values keep the input order (sorting is stable)
        Integer[] order = new Integer[values.length];
        int n = 0;
        for (int u = 0; u < values.length; u++) {
            if (!Double.isNaN(values[u])) {
                order[n++] = u;
            }
        }
        order = Arrays.copyOf(order, n);
        Arrays.sort(order, (a, b) -> values[a] == values[b] ? 0 : values[a] > values[b] ? -1 : 1);
        double[] sorted = new double[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = values[order[i]];
        }

        List<String> out = new ArrayList<>(Collections.nCopies(values.length, (String) null));
        if (n == 0) {
            return new Assignment(out, List.of());
        }

        // Nominal boundaries: end[i] = number of units in tiers 0..i, cumulative (see the class comment)
        RoundingMode mode = switch (rounding) {
            case FLOOR -> RoundingMode.FLOOR;
            case CEIL -> RoundingMode.CEILING;
            default -> RoundingMode.HALF_UP;
        };
        int[] nominal = new int[k];
        BigDecimal[] cumShare = new BigDecimal[k];
        long[] cumCount = new long[k];
        boolean[] cut = new boolean[k];
        BigDecimal share = BigDecimal.ZERO;
        long count = 0;
        for (int i = 0; i < k - 1; i++) {
            Tier t = tiers.get(i);
            if (t.share() != null) {
                share = share.add(BigDecimal.valueOf(t.share()));
            } else {
                count += t.count();
            }
            cumShare[i] = share;
            cumCount[i] = count;
            long end = count + share.multiply(BigDecimal.valueOf(n)).setScale(0, mode).longValueExact();
            cut[i] = end > n;
            nominal[i] = (int) Math.min(end, n);
        }
        nominal[k - 1] = n;

        // Ties never split: a boundary inside a run of equal values moves to the run's end or start
        int[] end = new int[k];
        int[][] run = new int[k][];
        for (int i = 0; i < k; i++) {
            end[i] = nominal[i];
            int c = nominal[i];
            if (i < k - 1 && c > 0 && c < n && sorted[c - 1] == sorted[c]) {
                int lo = c - 1;
                while (lo > 0 && sorted[lo - 1] == sorted[c]) {
                    lo--;
                }
                int hi = c;
                while (hi + 1 < n && sorted[hi + 1] == sorted[c]) {
                    hi++;
                }
                run[i] = new int[] {lo, hi};
                end[i] = UPPER.equals(ties) ? hi + 1 : lo;
            }
        }

        int[] tierAt = new int[n];
        int start = 0;
        for (int i = 0; i < k; i++) {
            for (int pos = start; pos < end[i]; pos++) {
                out.set(order[pos], tiers.get(i).id());
                tierAt[pos] = i;
            }
            start = Math.max(start, end[i]);
        }

        List<String> notes = new ArrayList<>();
        notes.add(summary(tiers, n, rounding, ties, units, nominal, cumShare, cumCount, cut));
        for (int i = 0; i < k - 1; i++) {
            if (run[i] == null) {
                continue;
            }
            int lo = run[i][0];
            int hi = run[i][1];
            int m = hi - lo + 1;
            int sizeA = end[i] - (i == 0 ? 0 : end[i - 1]);
            int sizeB = end[i + 1] - end[i];
            notes.add("tie at " + Numbers.plain(sorted[lo]) + " across the " + label(tiers.get(i)) + "/"
                    + label(tiers.get(i + 1)) + " boundary (positions " + (lo + 1) + "–" + (hi + 1) + "): "
                    + (m == 2 ? "both" : "all " + m) + " placed in " + label(tiers.get(tierAt[lo])) + " (ties: "
                    + ties + "), so " + label(tiers.get(i)) + " has " + sizeA + " and " + label(tiers.get(i + 1))
                    + " " + sizeB);
        }
        return new Assignment(out, notes);
    }

    private static String summary(List<Tier> tiers, int n, String rounding, String ties, String units,
            int[] nominal, BigDecimal[] cumShare, long[] cumCount, boolean[] cut) {
        int k = tiers.size();
        StringBuilder s = new StringBuilder(NAME + " over " + n + " ranked " + units + " (rounding: " + rounding
                + ", ties: " + ties + "): ");
        for (int i = 0; i < k - 1; i++) {
            boolean shares = cumShare[i].signum() > 0;
            boolean counts = cumCount[i] > 0;
            s.append(label(tiers.get(i))).append(i == 0 ? " top " : " to ");
            if (counts) {
                s.append(cumCount[i]);
            }
            if (counts && shares) {
                s.append(" + ");
            }
            if (shares) {
                BigDecimal exact = cumShare[i].multiply(BigDecimal.valueOf(n));
                s.append(percent(cumShare[i])).append("% = ");
                if (counts) {
                    s.append(cumCount[i]).append(" + ");
                }
                s.append(twoDecimals(exact));
            }
            if (shares || cut[i]) {
                s.append(" → ").append(nominal[i]);
            }
            if (cut[i]) {
                s.append(" (only ").append(n).append(" ranked)");
            }
            if (i == 0) {
                s.append(' ').append(units);
            } else {
                s.append(" (").append(nominal[i] - nominal[i - 1]).append(' ').append(units).append(')');
            }
            s.append("; ");
        }
        Tier last = tiers.get(k - 1);
        int rest = n - (k == 1 ? 0 : nominal[k - 2]);
        s.append(label(last)).append(k == 1 ? " all " : " the remaining ").append(rest);
        if (last.share() != null) {
            BigDecimal own = BigDecimal.valueOf(last.share()).multiply(BigDecimal.valueOf(n));
            if (own.setScale(0, RoundingMode.HALF_UP).intValue() != rest) {
                s.append(" (its share ").append(percent(BigDecimal.valueOf(last.share()))).append("% would be ")
                        .append(twoDecimals(own)).append(')');
            }
        } else if (last.count() != null && last.count() != rest) {
            s.append(" (its count is ").append(last.count()).append(')');
        }
        return s.toString();
    }

    private static String units(Map<String, Object> p) {
        Object v = p.get(UNITS);
        if (v == null) {
            return "cities";
        }
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IllegalArgumentException(NAME + ": parameter '" + UNITS
                + "' must be the plural noun for the ranked units, e.g. \"regions\", not " + RuleParameters.describe(v));
    }

    /** Checks that the tiers fit the rule. */
    private static void check(List<Tier> tiers) {
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException(NAME + " needs at least one tier");
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < tiers.size(); i++) {
            Tier t = tiers.get(i);
            String what = NAME + ": tier '" + t.id() + "'";
            if (t.min() != null || t.max() != null) {
                throw new IllegalArgumentException(what + " has min or max; " + NAME
                        + " uses a share or a count (min and max are for score-bands)");
            }
            if (t.share() != null && t.count() != null) {
                throw new IllegalArgumentException(what + " has both a share and a count; give one");
            }
            if (t.share() != null) {
                double s = t.share();
                if (!(s > 0 && s <= 1)) {
                    throw new IllegalArgumentException(what + ": a share is in (0, 1], not " + s);
                }
                total = total.add(BigDecimal.valueOf(s));
            } else if (t.count() != null) {
                if (t.count() < 1) {
                    throw new IllegalArgumentException(what + ": a count is at least 1, not " + t.count());
                }
            } else if (i < tiers.size() - 1) {
                throw new IllegalArgumentException(what + " needs a share or a count (only the last tier may "
                        + "leave both out and take the rest)");
            }
        }
        if (total.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(NAME + ": the tiers' shares add up to " + percent(total)
                    + "%, more than 100%");
        }
    }

    private static String label(Tier t) {
        return t.name() != null && t.name().preferred() != null ? t.name().preferred() : t.id();
    }

    private static String percent(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString();
    }

    private static String twoDecimals(BigDecimal d) {
        return d.scale() <= 2 ? d.setScale(2).toPlainString() : d.stripTrailingZeros().toPlainString();
    }

    @Override
    public String describe(TierScheme scheme, int tierIndex) {
        List<Tier> tiers = scheme.tiers();
        Tier t = tiers.get(tierIndex);
        boolean last = tierIndex == tiers.size() - 1;
        if (last) {
            if (tiers.size() == 1) {
                return "all";
            }
            BigDecimal total = BigDecimal.ZERO;
            for (Tier x : tiers) {
                if (x.share() == null) {
                    return "rest";
                }
                total = total.add(BigDecimal.valueOf(x.share()));
            }
            return total.compareTo(BigDecimal.ONE) == 0 ? "last " + percent(BigDecimal.valueOf(t.share())) + "%"
                    : "rest";
        }
        String where = tierIndex == 0 ? "top " : "next ";
        if (t.share() != null) {
            return where + percent(BigDecimal.valueOf(t.share())) + "%";
        }
        if (t.count() != null) {
            return where + t.count();
        }
        return "rest";
    }
}

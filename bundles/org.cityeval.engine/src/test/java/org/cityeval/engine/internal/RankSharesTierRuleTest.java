package org.cityeval.engine.internal;

import static org.cityeval.engine.internal.RuleFixtures.count;
import static org.cityeval.engine.internal.RuleFixtures.distinct;
import static org.cityeval.engine.internal.RuleFixtures.params;
import static org.cityeval.engine.internal.RuleFixtures.rankShares;
import static org.cityeval.engine.internal.RuleFixtures.rest;
import static org.cityeval.engine.internal.RuleFixtures.share;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.cityeval.api.model.Tier;
import org.cityeval.api.model.TierScheme;
import org.cityeval.api.spi.TierRule.Assignment;
import org.junit.jupiter.api.Test;

class RankSharesTierRuleTest {
    private final RankSharesTierRule rule = new RankSharesTierRule();

    /** CSTC: top 16% 领军, next 34% 先锋, the last 50% 探索. */
    private static final TierScheme CSTC = rankShares(share("领军", 0.16), share("先锋", 0.34), rest("探索"));

    private Assignment assign(TierScheme s, double... values) {
        Assignment a = rule.assign(values, s);
        assertEquals(values.length, a.tiers().size());
        return a;
    }

    /** @return the number of units in each tier, in the scheme's order */
    private static List<Integer> sizes(Assignment a, TierScheme s) {
        List<Integer> sizes = new ArrayList<>();
        for (Tier t : s.tiers()) {
            sizes.add(Collections.frequency(a.tiers(), t.id()));
        }
        return sizes;
    }

    private static TierScheme with(TierScheme s, Object... parameters) {
        return rankShares(params(parameters), s.tiers().toArray(new Tier[0]));
    }

    /** The values in a fixed random order, so that the rule has to sort them. */
    private static double[] shuffled(double[] values) {
        List<Double> l = new ArrayList<>();
        for (double v : values) {
            l.add(v);
        }
        Collections.shuffle(l, new Random(42));
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void aHundredDistinctValues() {
        Assignment a = assign(CSTC, shuffled(distinct(100)));
        assertEquals(List.of(16, 34, 50), sizes(a, CSTC));
        TierScheme allShares = rankShares(share("领军", 0.16), share("先锋", 0.34), share("探索", 0.5));
        assertEquals(List.of(16, 34, 50), sizes(assign(allShares, distinct(100)), allShares));
    }

    @Test
    void theBestGoFirst() {
        double[] v = shuffled(distinct(100));
        Assignment a = assign(CSTC, v);
        for (int i = 0; i < v.length; i++) {
            String expected = v[i] > 84 ? "领军" : v[i] > 50 ? "先锋" : "探索";
            assertEquals(expected, a.tiers().get(i), "value " + v[i]);
        }
    }

    @Test
    void boundariesAreCumulative() {
        Assignment a = assign(CSTC, shuffled(distinct(104)));
        assertEquals(List.of(17, 35, 52), sizes(a, CSTC), "16.64 → 17, then 52.00 → 52: 35, not round(35.36)");
        assertEquals(List.of("rank-shares over 104 ranked cities (rounding: round, ties: upper): 领军 top 16% = "
                + "16.64 → 17 cities; 先锋 to 50% = 52.00 → 52 (35 cities); 探索 the remaining 52"), a.notes());

        // Rounding each tier alone would give 2 + 4 + 5 = 11 of 10; the running total gives 2, 5, 10
        TierScheme s = rankShares(share("a", 0.15), share("b", 0.35), share("c", 0.5));
        assertEquals(List.of(2, 3, 5), sizes(assign(s, distinct(10)), s));
    }

    @Test
    void rounding() {
        TierScheme s = rankShares(share("top", 0.16), rest("rest"));
        assertEquals(List.of(2, 8), sizes(assign(s, distinct(10)), s), "1.6 rounds to 2");
        assertEquals(List.of(1, 9), sizes(assign(with(s, "rounding", "floor"), distinct(10)), s));
        assertEquals(List.of(2, 8), sizes(assign(with(s, "rounding", "ceil"), distinct(10)), s));
        assertEquals(List.of(2, 8), sizes(assign(with(s, "rounding", "round"), distinct(10)), s));

        TierScheme half = rankShares(share("top", 0.25), rest("rest"));
        assertEquals(List.of(3, 7), sizes(assign(half, distinct(10)), half), "2.5 rounds half up");
        assertEquals(List.of(2, 8), sizes(assign(with(half, "rounding", "floor"), distinct(10)), half));
        assertEquals(List.of(2, 9), sizes(assign(with(s, "rounding", "ceil"), distinct(11)), s), "1.76 → 2");
        assertEquals(List.of(1, 10), sizes(assign(with(s, "rounding", "floor"), distinct(11)), s), "1.76 → 1");
        assertEquals(List.of(1, 5), sizes(assign(with(s, "rounding", "ceil"), distinct(6)), s), "0.96 → 1");
        assertEquals(List.of(0, 6), sizes(assign(with(s, "rounding", "floor"), distinct(6)), s), "0.96 → 0");
    }

    @Test
    void shareOfAHundredIsExact() {
        // 0.29 × 100 is 28.999999999999996 in binary; the rule computes in decimals
        TierScheme s = rankShares(share("top", 0.29), rest("rest"));
        assertEquals(List.of(29, 71), sizes(assign(with(s, "rounding", "floor"), distinct(100)), s));
        assertEquals(List.of(29, 71), sizes(assign(with(s, "rounding", "ceil"), distinct(100)), s));
    }

    /** 104 values, the 17th and 18th best both 72.4. */
    private static double[] tieAtTheFirstBoundary() {
        double[] v = new double[104];
        for (int i = 0; i < 16; i++) {
            v[i] = 100 - i;
        }
        v[16] = 72.4;
        v[17] = 72.4;
        for (int i = 18; i < 104; i++) {
            v[i] = 70 - (i - 18) * 0.5;
        }
        return shuffled(v);
    }

    @Test
    void tieAcrossABoundaryGoesUp() {
        double[] v = tieAtTheFirstBoundary();
        Assignment a = assign(CSTC, v);
        assertEquals(List.of(18, 34, 52), sizes(a, CSTC));
        for (int i = 0; i < v.length; i++) {
            if (v[i] == 72.4) {
                assertEquals("领军", a.tiers().get(i));
            }
        }
        assertEquals(2, a.notes().size());
        assertEquals("tie at 72.4 across the 领军/先锋 boundary (positions 17–18): both placed in 领军 (ties: upper), "
                + "so 领军 has 18 and 先锋 34", a.notes().get(1));
        assertEquals(a.tiers(), assign(with(CSTC, "ties", "upper"), v).tiers(), "upper is the default");
    }

    @Test
    void tieAcrossABoundaryGoesDown() {
        double[] v = tieAtTheFirstBoundary();
        Assignment a = assign(with(CSTC, "ties", "lower"), v);
        assertEquals(List.of(16, 36, 52), sizes(a, CSTC));
        for (int i = 0; i < v.length; i++) {
            if (v[i] == 72.4) {
                assertEquals("先锋", a.tiers().get(i));
            }
        }
        assertTrue(a.notes().get(0).contains("(rounding: round, ties: lower)"), a.notes().get(0));
        assertEquals("tie at 72.4 across the 领军/先锋 boundary (positions 17–18): both placed in 先锋 (ties: lower), "
                + "so 领军 has 16 and 先锋 36", a.notes().get(1));
    }

    @Test
    void tieInsideATierMovesNothing() {
        double[] v = distinct(100);
        v[3] = v[4];
        v[98] = v[99];
        Assignment a = assign(CSTC, v);
        assertEquals(List.of(16, 34, 50), sizes(a, CSTC));
        assertEquals(1, a.notes().size(), "only the summary");
    }

    @Test
    void tieSpanningTwoBoundaries() {
        // 10 units, boundaries after 2 and 5; positions 2–6 are all 5
        TierScheme s = rankShares(share("a", 0.2), share("b", 0.3), rest("c"));
        double[] v = {10, 5, 5, 5, 5, 5, 4, 3, 2, 1};

        Assignment up = assign(s, v);
        assertEquals(List.of("a", "a", "a", "a", "a", "a", "c", "c", "c", "c"), up.tiers());
        assertEquals(3, up.notes().size(), "one note per boundary a tie moved");
        assertEquals("tie at 5 across the a/b boundary (positions 2–6): all 5 placed in a (ties: upper), so a has 6 "
                + "and b 0", up.notes().get(1));
        assertEquals("tie at 5 across the b/c boundary (positions 2–6): all 5 placed in a (ties: upper), so b has 0 "
                + "and c 4", up.notes().get(2));

        Assignment down = assign(with(s, "ties", "lower"), v);
        assertEquals(List.of("a", "c", "c", "c", "c", "c", "c", "c", "c", "c"), down.tiers());
        assertEquals(3, down.notes().size());
        assertTrue(down.notes().get(1).contains("all 5 placed in c (ties: lower), so a has 1 and b 0"),
                down.notes().get(1));
    }

    @Test
    void allValuesEqual() {
        double[] v = new double[5];
        Arrays.fill(v, 60);
        assertEquals(List.of(5, 0, 0), sizes(assign(CSTC, v), CSTC));
        assertEquals(List.of(0, 0, 5), sizes(assign(with(CSTC, "ties", "lower"), v), CSTC));
    }

    @Test
    void missingValuesGetNoTierAndAreNotCounted() {
        TierScheme s = rankShares(count("a", 1), rest("b"));
        Assignment a = assign(s, Double.NaN, 3, 2, Double.NaN, 1);
        assertEquals(Arrays.asList(null, "a", "b", null, "b"), a.tiers());
        assertTrue(a.notes().get(0).startsWith("rank-shares over 3 ranked cities"), a.notes().get(0));

        Assignment none = assign(CSTC, Double.NaN, Double.NaN);
        assertNull(none.tiers().get(0));
        assertNull(none.tiers().get(1));
        assertEquals(List.of(), assign(CSTC).tiers());
    }

    @Test
    void countsInsteadOfShares() {
        // Guomai PSFT's seven regions: 1, 2, 2 and the rest
        TierScheme s = rankShares(Map.of("units", "regions"), count("第一梯队", 1), count("第二梯队", 2),
                count("第三梯队", 2), rest("第四梯队"));
        Assignment a = assign(s, 70.1, 75.3, 68.0, 66.2, 71.9, 60.5, 58.4);
        assertEquals(List.of("第二梯队", "第一梯队", "第三梯队", "第三梯队", "第二梯队", "第四梯队", "第四梯队"), a.tiers());
        assertEquals(List.of("rank-shares over 7 ranked regions (rounding: round, ties: upper): 第一梯队 top 1 "
                + "regions; 第二梯队 to 3 (2 regions); 第三梯队 to 5 (2 regions); 第四梯队 the remaining 2"), a.notes());
    }

    @Test
    void countsBeyondTheRankedUnitsAreCut() {
        TierScheme s = rankShares(count("a", 1), count("b", 2), count("c", 2), rest("d"));
        Assignment a = assign(s, 4, 3, 2, 1);
        assertEquals(List.of(1, 2, 1, 0), sizes(a, s));
        assertTrue(a.notes().get(0).contains("c to 5 → 4 (only 4 ranked) (1 cities)"), a.notes().get(0));
    }

    @Test
    void countsAndSharesMix() {
        TierScheme s = rankShares(count("a", 5), share("b", 0.2), rest("c"));
        Assignment a = assign(s, distinct(50));
        assertEquals(List.of(5, 10, 35), sizes(a, s));
        assertTrue(a.notes().get(0).contains("b to 5 + 20% = 5 + 10.00 → 15 (10 cities)"), a.notes().get(0));
    }

    @Test
    void unitsLeftOverGoToTheLastTier() {
        TierScheme s = rankShares(share("a", 0.1), share("b", 0.2), share("c", 0.3));
        Assignment a = assign(s, distinct(10));
        assertEquals(List.of(1, 2, 7), sizes(a, s));
        assertTrue(a.notes().get(0).endsWith("c the remaining 7 (its share 30% would be 3.00)"), a.notes().get(0));

        TierScheme counts = rankShares(count("a", 1), count("b", 1));
        assertEquals(List.of(1, 3), sizes(assign(counts, distinct(4)), counts));
    }

    @Test
    void oneTierTakesAll() {
        TierScheme s = rankShares(rest("all"));
        Assignment a = assign(s, 3, 1, 2);
        assertEquals(List.of("all", "all", "all"), a.tiers());
        assertTrue(a.notes().get(0).endsWith("all all 3"), a.notes().get(0));
    }

    @Test
    void sharesAboveOneAreAnError() {
        TierScheme s = rankShares(share("a", 0.5), share("b", 0.4), share("c", 0.2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rule.assign(distinct(10), s));
        assertEquals("rank-shares: the tiers' shares add up to 110%, more than 100%", e.getMessage());
        // exactly 100% in decimals is fine, although 0.7 + 0.2 + 0.1 is 0.9999999999999999 in binary
        TierScheme full = rankShares(share("a", 0.7), share("b", 0.2), share("c", 0.1));
        assertEquals(List.of(7, 2, 1), sizes(assign(full, distinct(10)), full));
    }

    @Test
    void badParametersAreErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rule.assign(distinct(10), with(CSTC, "rounding", "nearest")));
        assertEquals("rank-shares: parameter 'rounding' must be one of round, floor, ceil (default round), not the text"
                + " \"nearest\"", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rule.assign(distinct(10), with(CSTC, "ties", "split")));
        assertTrue(e.getMessage().contains("'ties' must be one of upper, lower"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rule.assign(distinct(10), with(CSTC, "ties", 1L)));
        assertTrue(e.getMessage().endsWith("not 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rule.assign(distinct(10), with(CSTC, "tie", "lower")));
        assertEquals("rank-shares: unknown parameter 'tie' (known: rounding, ties, units)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rule.assign(distinct(10), with(CSTC, "units", 3L)));
        assertTrue(e.getMessage().contains("'units'"), e.getMessage());
    }

    @Test
    void badTiersAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> rule.assign(distinct(3), rankShares()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rule.assign(distinct(3), rankShares(rest("a"), share("b", 0.5))));
        assertTrue(e.getMessage().contains("tier 'a' needs a share or a count"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rule.assign(distinct(3),
                rankShares(new Tier("a", null, null, null, 0.5, 2), rest("b"))));
        assertTrue(e.getMessage().contains("both a share and a count"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rule.assign(distinct(3),
                rankShares(new Tier("a", null, 80.0, null, null, null), rest("b"))));
        assertTrue(e.getMessage().contains("min and max are for score-bands"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rule.assign(distinct(3), rankShares(share("a", 0), rest("b"))));
        assertThrows(IllegalArgumentException.class, () -> rule.assign(distinct(3), rankShares(count("a", 0), rest("b"))));
    }

    @Test
    void notesMakeRoundingAndTiesVisible() {
        Assignment a = assign(with(CSTC, "rounding", "floor", "ties", "lower"), distinct(104));
        assertEquals(List.of(16, 36, 52), sizes(a, CSTC));
        assertEquals("rank-shares over 104 ranked cities (rounding: floor, ties: lower): 领军 top 16% = 16.64 → 16 "
                + "cities; 先锋 to 50% = 52.00 → 52 (36 cities); 探索 the remaining 52", a.notes().get(0));
    }

    @Test
    void describe() {
        assertEquals("top 16%", rule.describe(CSTC, 0));
        assertEquals("next 34%", rule.describe(CSTC, 1));
        assertEquals("rest", rule.describe(CSTC, 2));
        TierScheme shares = rankShares(share("a", 0.16), share("b", 0.34), share("c", 0.5));
        assertEquals("last 50%", rule.describe(shares, 2));
        TierScheme counts = rankShares(count("a", 5), count("b", 2), rest("c"));
        assertEquals("top 5", rule.describe(counts, 0));
        assertEquals("next 2", rule.describe(counts, 1));
        assertEquals("rest", rule.describe(counts, 2));
        assertEquals("top 12.5%", rule.describe(rankShares(share("a", 0.125), rest("b")), 0));
        assertEquals("all", rule.describe(rankShares(rest("a")), 0));
    }
}

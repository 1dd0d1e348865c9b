package org.cityeval.engine.internal;

import static org.cityeval.engine.internal.Fixtures.band;
import static org.cityeval.engine.internal.Fixtures.bands;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.cityeval.api.model.TierScheme;
import org.cityeval.api.spi.TierRule;
import org.junit.jupiter.api.Test;

class ScoreBandsTierRuleTest {
    private final ScoreBandsTierRule rule = new ScoreBandsTierRule();

    /** The PSDF city bands with a gap: [40, 60) belongs to no tier. */
    private final TierScheme scheme = bands(band("80+", 80.0, null), band("70-80", 70.0, 80.0),
            band("60-70", 60.0, 70.0), band("<40", null, 40.0));

    private List<String> assign(TierScheme s, double... values) {
        TierRule.Assignment a = rule.assign(values, s);
        assertTrue(a.notes().isEmpty(), "score bands make no choices to note");
        assertEquals(values.length, a.tiers().size());
        return a.tiers();
    }

    @Test
    void minIsInclusiveMaxIsExclusive() {
        assertEquals(List.of("80+", "70-80", "70-80", "60-70", "60-70"), assign(scheme, 80, 79.9, 70, 69.9, 60));
    }

    @Test
    void openEnds() {
        assertEquals(List.of("80+", "80+", "<40", "<40", "<40"), assign(scheme, 100, 1e9, 39.9, 0, -5));
    }

    @Test
    void valuesInNoBandAndMissingValuesGetNoTier() {
        assertEquals(Arrays.asList(null, null, null, "<40"), assign(scheme, 59.9, 40, Double.NaN, 39.99));
    }

    @Test
    void theFirstMatchingBandWins() {
        TierScheme overlapping = bands(band("a", 50.0, null), band("b", 0.0, 100.0));
        assertEquals(List.of("a", "b"), assign(overlapping, 70, 30));
    }

    @Test
    void aBandWithoutBoundsHoldsEverything() {
        assertEquals(List.of("all", "all"), assign(bands(band("all", null, null)), -1e9, 1e9));
    }

    @Test
    void noValues() {
        assertEquals(List.of(), assign(scheme));
    }

    @Test
    void describe() {
        assertEquals("≥ 80", rule.describe(scheme, 0));
        assertEquals("[70, 80)", rule.describe(scheme, 1));
        assertEquals("< 40", rule.describe(scheme, 3));
        assertEquals("all", rule.describe(bands(band("x", null, null)), 0));
        assertEquals("[59.5, 72.25)", rule.describe(bands(band("x", 59.5, 72.25)), 0));
    }
}

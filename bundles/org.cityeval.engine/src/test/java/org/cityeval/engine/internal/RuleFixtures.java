package org.cityeval.engine.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.model.Direction;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.model.Tier;
import org.cityeval.api.model.TierScheme;
import org.cityeval.api.model.Weight;

/** Leaves, tiers and parameters for the tests of single rules (rank-shares, ordinal, min-max, goalposts). */
final class RuleFixtures {
    private RuleFixtures() {
    }

    /** A leaf indicator scored by {@code rule}, with no parameters of its own in the RuleRef. */
    static Indicator leaf(String id, double weight, Direction direction, String rule) {
        return new Indicator(id, new LocalizedText("指标" + id, id), 2, new Weight(weight, Provenance.PUBLISHED, null),
                direction, null, new RuleRef(rule, Map.of()), null, null, List.of());
    }

    /** Parameters from alternating names and values, in order; values may be any JSON-like object. */
    static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    /** A rank-shares tier taking a share of the ranked units; its printed name is the id. */
    static Tier share(String id, double share) {
        return new Tier(id, new LocalizedText(id, null), null, null, share, null);
    }

    /** A rank-shares tier taking a number of units. */
    static Tier count(String id, int count) {
        return new Tier(id, new LocalizedText(id, null), null, null, null, count);
    }

    /** A rank-shares tier without share or count: as the last tier, it takes the rest. */
    static Tier rest(String id) {
        return new Tier(id, new LocalizedText(id, null), null, null, null, null);
    }

    static TierScheme rankShares(Map<String, Object> parameters, Tier... tiers) {
        return new TierScheme(RankSharesTierRule.NAME, Arrays.asList(tiers), parameters);
    }

    static TierScheme rankShares(Tier... tiers) {
        return rankShares(Map.of(), tiers);
    }

    /** {@code n} distinct values n, n−1, …, 1 (best first). */
    static double[] distinct(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = n - i;
        }
        return v;
    }
}

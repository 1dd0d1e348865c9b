package org.cityeval.engine.internal;

import java.util.ArrayList;
import java.util.List;

import org.cityeval.api.model.Tier;
import org.cityeval.api.model.TierScheme;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.TierRule;
import org.osgi.service.component.annotations.Component;

/**
 * {@code score-bands}: a unit falls into the first tier whose band {@code [min, max)} holds its value
 * (a missing bound is open). Values in no band get no tier, e.g. CCID's cities below 60, which are
 * "outside the ranking".
 */
// it takes no parameters: declared, so that validation refuses any given to it
@Component(property = { Rules.NAME + "=" + ScoreBandsTierRule.NAME, Rules.PARAMETERS + "=" })
public class ScoreBandsTierRule implements TierRule {
    public static final String NAME = "score-bands";

    @Override
    public Assignment assign(double[] values, TierScheme scheme) {
        List<String> tiers = new ArrayList<>(values.length);
        for (double v : values) {
            tiers.add(Double.isNaN(v) ? null : bandOf(v, scheme.tiers()));
        }
        return new Assignment(tiers, List.of());
    }

    private static String bandOf(double v, List<Tier> tiers) {
        for (Tier t : tiers) {
            if ((t.min() == null || v >= t.min()) && (t.max() == null || v < t.max())) {
                return t.id();
            }
        }
        return null;
    }

    @Override
    public String describe(TierScheme scheme, int tierIndex) {
        Tier t = scheme.tiers().get(tierIndex);
        if (t.min() != null && t.max() == null) {
            return "≥ " + Numbers.plain(t.min());
        }
        if (t.min() == null && t.max() != null) {
            return "< " + Numbers.plain(t.max());
        }
        if (t.min() == null) {
            return "all";
        }
        return "[" + Numbers.plain(t.min()) + ", " + Numbers.plain(t.max()) + ")";
    }
}

package org.cityeval.engine.internal;

import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.api.spi.TierRule;

/** Finds rules by the name a descriptor gives; {@code null} when the runtime has no such rule. */
public interface RuleLookup {
    ScoringRule scoring(String name);

    AggregationRule aggregation(String name);

    TierRule tier(String name);

    GroupingRule grouping(String name);

    /** @return the names of the grouping rules there are, for messages (none known: empty) */
    default java.util.Set<String> groupings() {
        return java.util.Set.of();
    }
}

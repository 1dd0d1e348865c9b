package org.cityeval.engine.internal;

import java.util.Map;

import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.api.spi.TierRule;

/**
 * The engine's built-in rules by name, for use outside a framework (unit tests, the uncertainty analysis
 * constructed by hand). In a framework the Evaluator component is the lookup, with plug-in rules too.
 */
public final class BuiltInRules implements RuleLookup {
    public static final BuiltInRules INSTANCE = new BuiltInRules();

    private final Map<String, ScoringRule> scoring = Map.of(
            DirectPointsScoring.NAME, new DirectPointsScoring(),
            DistanceToTargetScoring.NAME, new DistanceToTargetScoring(),
            GoalpostsScoring.NAME, new GoalpostsScoring(),
            MinMaxScoring.NAME, new MinMaxScoring(),
            OrdinalScoring.NAME, new OrdinalScoring(),
            RankScoring.NAME, new RankScoring(),
            ShareScoring.NAME, new ShareScoring(),
            ZScoreScoring.NAME, new ZScoreScoring());
    private final Map<String, AggregationRule> aggregation = Map.of(
            WeightedSumAggregation.NAME, new WeightedSumAggregation(),
            GeometricAggregation.NAME, new GeometricAggregation(),
            HarmonicAggregation.NAME, new HarmonicAggregation(),
            TopsisAggregation.NAME, new TopsisAggregation(),
            GeneralisedMeanAggregation.NAME, new GeneralisedMeanAggregation(),
            CopelandAggregation.NAME, new CopelandAggregation());
    private final Map<String, TierRule> tiers = Map.of(
            ScoreBandsTierRule.NAME, new ScoreBandsTierRule(),
            RankSharesTierRule.NAME, new RankSharesTierRule());
    private final Map<String, GroupingRule> grouping = Map.of(
            ProvinceGrouping.NAME, new ProvinceGrouping(),
            ProvincialCapitalGrouping.NAME, new ProvincialCapitalGrouping(),
            RegionGrouping.NAME, new RegionGrouping());

    private BuiltInRules() {
    }

    @Override
    public ScoringRule scoring(String name) {
        return scoring.get(name);
    }

    @Override
    public AggregationRule aggregation(String name) {
        return aggregation.get(name);
    }

    @Override
    public TierRule tier(String name) {
        return tiers.get(name);
    }

    @Override
    public GroupingRule grouping(String name) {
        return grouping.get(name);
    }

    @Override
    public java.util.Set<String> groupings() {
        return grouping.keySet();
    }
}

package org.cityeval.engine.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.result.Coverage;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.api.spi.TierRule;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The Evaluator service. Rules are whiteboard services collected by name; a bundle that registers a rule
 * makes it usable at once, and removing the bundle removes the rule.
 */
@Component(service = Evaluator.class)
public class EvaluatorComponent implements Evaluator, RuleLookup {
    private final Map<String, ScoringRule> scoring = new ConcurrentHashMap<>();
    private final Map<String, AggregationRule> aggregation = new ConcurrentHashMap<>();
    private final Map<String, TierRule> tiers = new ConcurrentHashMap<>();
    private final Map<String, GroupingRule> grouping = new ConcurrentHashMap<>();
    private final EvaluationEngine engine = new EvaluationEngine(this);

    @Override
    public EvaluationResult evaluate(EvaluationModel model, CityDataset data, EvaluationOptions options)
            throws BadInputException {
        return engine.evaluate(model, data, options);
    }

    @Override
    public Coverage coverage(EvaluationModel model, CityDataset data, Integer year) {
        return engine.coverage(model, data, year);
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

    private static String name(Map<String, Object> props) {
        return String.valueOf(props.get(Rules.NAME));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addScoring(ScoringRule rule, Map<String, Object> props) {
        scoring.put(name(props), rule);
    }

    void removeScoring(ScoringRule rule, Map<String, Object> props) {
        scoring.remove(name(props), rule);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addAggregation(AggregationRule rule, Map<String, Object> props) {
        aggregation.put(name(props), rule);
    }

    void removeAggregation(AggregationRule rule, Map<String, Object> props) {
        aggregation.remove(name(props), rule);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addTier(TierRule rule, Map<String, Object> props) {
        tiers.put(name(props), rule);
    }

    void removeTier(TierRule rule, Map<String, Object> props) {
        tiers.remove(name(props), rule);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addGrouping(GroupingRule rule, Map<String, Object> props) {
        grouping.put(name(props), rule);
    }

    void removeGrouping(GroupingRule rule, Map<String, Object> props) {
        grouping.remove(name(props), rule);
    }
}

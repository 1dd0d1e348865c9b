package org.cityeval.engine.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cityeval.api.analysis.CityProfile;
import org.cityeval.api.analysis.CityProfiles;
import org.cityeval.api.analysis.PipelineStages;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.result.Coverage;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.PanelResult;
import org.cityeval.api.service.PanelOptions;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.api.spi.TierRule;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The Evaluator service. Rules are whiteboard services collected by name; a bundle that registers a rule
 * makes it usable at once, and removing the bundle removes the rule.
 * <p>
 * Every evaluation runs under {@link Isolation}: its own thread, a time limit, an allocation limit and a bound on
 * how many run at once, all from framework properties ({@code cityeval.evaluation.*}). A rule that misbehaves is
 * named in the failure by its name and bundle: the component remembers which class each rule service is.
 */
@Component(service = { Evaluator.class, CityProfiles.class })
public class EvaluatorComponent implements Evaluator, CityProfiles, RuleLookup {
    private static final String SCORING = "scoring";
    private static final String AGGREGATION = "aggregation";
    private static final String TIER = "tier";
    private static final String GROUPING = "grouping";

    private final Map<String, ScoringRule> scoring = new ConcurrentHashMap<>();
    private final Map<String, AggregationRule> aggregation = new ConcurrentHashMap<>();
    private final Map<String, TierRule> tiers = new ConcurrentHashMap<>();
    private final Map<String, GroupingRule> grouping = new ConcurrentHashMap<>();
    /** Rule classes by name, for attributing a stack frame to a rule. */
    private final Map<String, Isolation.Culprit> classes = new ConcurrentHashMap<>();
    private final EvaluationEngine engine = new EvaluationEngine(this);
    private final Isolation isolation;

    /** Outside a framework (unit tests): default limits. */
    public EvaluatorComponent() {
        this(Isolation.Limits.defaults());
    }

    EvaluatorComponent(Isolation.Limits limits) {
        this.isolation = new Isolation(limits, classes::get, "cityeval-eval");
    }

    @Activate
    public EvaluatorComponent(BundleContext context) {
        this(Isolation.Limits.from(context::getProperty));
    }

    @Override
    public EvaluationResult evaluate(EvaluationModel model, CityDataset data, EvaluationOptions options)
            throws BadInputException {
        EvaluationOptions o = options == null ? EvaluationOptions.DEFAULTS : options;
        return isolation.run(model.id(), o.timeout(), () -> engine.evaluate(model, data, o));
    }

    @Override
    public PanelResult evaluatePanel(EvaluationModel model, CityDataset data, EvaluationOptions options,
            PanelOptions panel) throws BadInputException {
        EvaluationOptions o = options == null ? EvaluationOptions.DEFAULTS : options;
        return isolation.run(model.id(), o.timeout(), () -> PanelEvaluation.evaluate(engine, model, data, o, panel));
    }

    @Override
    public CityProfile profile(EvaluationModel model, CityDataset data, EvaluationOptions options, String city,
            int topN, int bottomN) throws BadInputException {
        EvaluationOptions o = options == null ? EvaluationOptions.DEFAULTS : options;
        return isolation.run(model.id(), o.timeout(), () -> {
            EvaluationEngine.StageCapture capture = new EvaluationEngine.StageCapture();
            EvaluationResult result = engine.evaluate(model, data, o, capture);
            return Profiles.profile(model, result, capture, city, topN, bottomN);
        });
    }

    @Override
    public org.cityeval.api.analysis.LeaveOneOut leaveOneOut(EvaluationModel model, CityDataset data,
            EvaluationOptions options, String level) throws BadInputException {
        EvaluationOptions o = options == null ? EvaluationOptions.DEFAULTS : options;
        return isolation.run(model.id(), o.timeout(), () -> LeaveOneOutRuns.run(engine, model, data, o, level));
    }

    @Override
    public PipelineStages stages(EvaluationModel model, CityDataset data, EvaluationOptions options)
            throws BadInputException {
        EvaluationOptions o = options == null ? EvaluationOptions.DEFAULTS : options;
        return isolation.run(model.id(), o.timeout(), () -> {
            EvaluationEngine.StageCapture capture = new EvaluationEngine.StageCapture();
            engine.evaluate(model, data, o, capture);
            return Profiles.stages(model, capture);
        });
    }

    @Override
    public Coverage coverage(EvaluationModel model, CityDataset data, Integer year) {
        return engine.coverage(model, data, year);
    }

    @Override
    public ScoringRule scoring(String name) {
        isolation.checkQuarantine(SCORING, name);
        return scoring.get(name);
    }

    @Override
    public AggregationRule aggregation(String name) {
        isolation.checkQuarantine(AGGREGATION, name);
        return aggregation.get(name);
    }

    @Override
    public TierRule tier(String name) {
        isolation.checkQuarantine(TIER, name);
        return tiers.get(name);
    }

    @Override
    public GroupingRule grouping(String name) {
        isolation.checkQuarantine(GROUPING, name);
        return grouping.get(name);
    }

    @Override
    public java.util.Set<String> groupings() {
        return java.util.Set.copyOf(grouping.keySet());
    }

    private static String name(ServiceReference<?> ref) {
        return String.valueOf(ref.getProperty(Rules.NAME));
    }

    private <T> void add(Map<String, T> rules, String kind, T rule, ServiceReference<?> ref) {
        String name = name(ref);
        rules.put(name, rule);
        Bundle b = ref.getBundle();
        String bundle = b == null ? "?" : b.getSymbolicName() + " " + b.getVersion();
        classes.put(rule.getClass().getName(), new Isolation.Culprit(kind, name, bundle));
    }

    private <T> void remove(Map<String, T> rules, String kind, T rule, ServiceReference<?> ref) {
        String name = name(ref);
        if (rules.remove(name, rule)) {
            isolation.release(kind, name);
        }
        classes.remove(rule.getClass().getName());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addScoring(ScoringRule rule, ServiceReference<ScoringRule> ref) {
        add(scoring, SCORING, rule, ref);
    }

    void removeScoring(ScoringRule rule, ServiceReference<ScoringRule> ref) {
        remove(scoring, SCORING, rule, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addAggregation(AggregationRule rule, ServiceReference<AggregationRule> ref) {
        add(aggregation, AGGREGATION, rule, ref);
    }

    void removeAggregation(AggregationRule rule, ServiceReference<AggregationRule> ref) {
        remove(aggregation, AGGREGATION, rule, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addTier(TierRule rule, ServiceReference<TierRule> ref) {
        add(tiers, TIER, rule, ref);
    }

    void removeTier(TierRule rule, ServiceReference<TierRule> ref) {
        remove(tiers, TIER, rule, ref);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = "(" + Rules.NAME + "=*)")
    void addGrouping(GroupingRule rule, ServiceReference<GroupingRule> ref) {
        add(grouping, GROUPING, rule, ref);
    }

    void removeGrouping(GroupingRule rule, ServiceReference<GroupingRule> ref) {
        remove(grouping, GROUPING, rule, ref);
    }
}

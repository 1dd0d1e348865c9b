package org.cityeval.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.GroupScheme;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.model.Scale;
import org.cityeval.api.model.Tier;
import org.cityeval.api.model.TierScheme;
import org.cityeval.api.model.Weight;
import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.api.spi.TierRule;

/** Hand-built models, cities and datasets for engine tests. */
final class Fixtures {
    /** A missing value in a {@link Data} row. */
    static final double MISSING = Double.NaN;
    static final String MODEL_ID = "test-model";

    private Fixtures() {
    }

    // ---------------------------------------------------------------- rules

    /** The built-in rules, looked up by name as the Evaluator component does. */
    static RuleLookup builtInRules() {
        return new MapRuleLookup();
    }

    /** A rule lookup over the built-in rules that a test can thin out. */
    static final class MapRuleLookup implements RuleLookup {
        final Map<String, ScoringRule> scoring = new HashMap<>();
        final Map<String, AggregationRule> aggregation = new HashMap<>();
        final Map<String, TierRule> tier = new HashMap<>();
        final Map<String, GroupingRule> grouping = new HashMap<>();

        MapRuleLookup() {
            scoring.put(DirectPointsScoring.NAME, new DirectPointsScoring());
            scoring.put(ShareScoring.NAME, new ShareScoring());
            aggregation.put(WeightedSumAggregation.NAME, new WeightedSumAggregation());
            tier.put(ScoreBandsTierRule.NAME, new ScoreBandsTierRule());
            grouping.put(ProvinceGrouping.NAME, new ProvinceGrouping());
            grouping.put(ProvincialCapitalGrouping.NAME, new ProvincialCapitalGrouping());
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
            return tier.get(name);
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

    static EvaluationEngine engine() {
        return new EvaluationEngine(builtInRules());
    }

    // ---------------------------------------------------------------- cities

    /** A city; a municipality (adcode = its province's code) is its own province. */
    static City city(String adcode, String name, String province, boolean provincialCapital) {
        String provinceAdcode = adcode.substring(0, 2) + "0000";
        boolean municipality = adcode.equals(provinceAdcode);
        String shortName = name.length() > 2 ? name.substring(0, name.length() - 1) : name;
        return new City(adcode, name, shortName, name, "pinyin" + adcode, provinceAdcode, province,
                province.substring(0, Math.min(2, province.length())), municipality ? "municipality" : "prefecture_city",
                false, false, provincialCapital);
    }

    /** Numbered cities in one province, for tests that only need many distinct cities. */
    static City numbered(int i) {
        return city(String.format("41%02d00", i + 1), "城市" + i, "河南省", false);
    }

    // ---------------------------------------------------------------- datasets

    /** A dataset under construction: value columns in order, one row per city (header is row 1). */
    static final class Data {
        private final String source;
        private final List<String> columns;
        private final List<CityRecord> records = new ArrayList<>();

        Data(String... columns) {
            this.source = "test.csv";
            this.columns = List.of(columns);
        }

        private Data(String source, List<String> columns) {
            this.source = source;
            this.columns = columns;
        }

        /** A dataset read from {@code source}, as messages name it. */
        static Data from(String source, String... columns) {
            return new Data(source, List.of(columns));
        }

        /** Values in column order; {@link #MISSING} leaves a value out. */
        Data row(City city, double... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.length);
            }
            Map<String, Double> m = new HashMap<>();
            for (int i = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    m.put(columns.get(i), values[i]);
                }
            }
            records.add(new CityRecord(city, records.size() + 2, m, Map.of()));
            return this;
        }

        CityDataset build() {
            return new CityDataset(source, columns, records);
        }
    }

    // ---------------------------------------------------------------- models

    /** An indicator under construction; levels are assigned when the model is built. */
    static final class Node {
        final String id;
        final double weight;
        final Provenance provenance;
        final List<Node> children;
        String scoring = DirectPointsScoring.NAME;
        String aggregation = WeightedSumAggregation.NAME;
        RuleRef treatment;

        Node(String id, double weight, Provenance provenance, Node... children) {
            this.id = id;
            this.weight = weight;
            this.provenance = provenance;
            this.children = Arrays.asList(children);
        }

        Node scoring(String rule) {
            this.scoring = rule;
            return this;
        }

        Node aggregation(String rule) {
            this.aggregation = rule;
            return this;
        }

        Node treatment(RuleRef treatment) {
            this.treatment = treatment;
            return this;
        }

        Indicator build(int level) {
            List<Indicator> kids = new ArrayList<>();
            for (Node c : children) {
                kids.add(c.build(level + 1));
            }
            boolean leaf = kids.isEmpty();
            return new Indicator(id, new LocalizedText("指标" + id, id), level, new Weight(weight, provenance, null),
                    Direction.POSITIVE, null, leaf ? new RuleRef(scoring, Map.of()) : null,
                    leaf ? null : new RuleRef(aggregation, Map.of()), null, kids, null, leaf ? treatment : null);
        }
    }

    static Node node(String id, double weight, Node... children) {
        return new Node(id, weight, Provenance.PUBLISHED, children);
    }

    static Node assumed(String id, double weight, Node... children) {
        return new Node(id, weight, Provenance.ASSUMED, children);
    }

    static Node derived(String id, double weight, Node... children) {
        return new Node(id, weight, Provenance.DERIVED, children);
    }

    /** A points model at precision 1 without tiers or groups. */
    static EvaluationModel model(Node... level1) {
        return model(1, null, List.of(), level1);
    }

    /** A points model whose maximum is the sum of its level-1 weights. */
    static EvaluationModel model(int precision, TierScheme tiers, List<GroupScheme> groups, Node... level1) {
        double max = 0;
        List<Indicator> kids = new ArrayList<>();
        for (Node n : level1) {
            max += n.weight;
            kids.add(n.build(1));
        }
        Indicator root = new Indicator(EvaluationModel.ROOT_ID, new LocalizedText("总分", "Total"), 0,
                new Weight(max, Provenance.PUBLISHED, null), Direction.POSITIVE, null, null,
                new RuleRef(WeightedSumAggregation.NAME, Map.of()), null, kids);
        return new EvaluationModel(MODEL_ID, new LocalizedText("测试模型", "Test model"),
                new LocalizedText("测试机构", "Test institution"), "1st", 2024, new Scale("points", max, precision), root,
                tiers, groups, null, List.of());
    }

    /**
     * A three-level tree of 100 points:
     * <pre>
     * a (50)  a1 (30): a1x (20), a1y (10, assumed)
     *         a2 (20): a2x (10, assumed), a2y (10, assumed)
     * b (50)  b1 (25): b1x (15, derived), b1y (10)
     *         b2 (25): b2x (25)
     * </pre>
     */
    static EvaluationModel threeLevels() {
        return model(
                node("a", 50,
                        node("a1", 30, node("a1x", 20), assumed("a1y", 10)),
                        node("a2", 20, assumed("a2x", 10), assumed("a2y", 10))),
                node("b", 50,
                        node("b1", 25, derived("b1x", 15), node("b1y", 10)),
                        node("b2", 25, node("b2x", 25))));
    }

    static Tier band(String id, Double min, Double max) {
        return new Tier(id, null, min, max, null, null);
    }

    static Tier band(String id, String name, Double min, Double max) {
        return new Tier(id, new LocalizedText(name, null), min, max, null, null);
    }

    static TierScheme bands(Tier... tiers) {
        return new TierScheme(ScoreBandsTierRule.NAME, List.of(tiers), null);
    }
}

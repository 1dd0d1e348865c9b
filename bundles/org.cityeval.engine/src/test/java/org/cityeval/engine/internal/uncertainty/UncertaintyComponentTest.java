package org.cityeval.engine.internal.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.analysis.UncertaintyResult.RankBand;
import org.cityeval.api.analysis.UncertaintyResult.Sensitivity;
import org.cityeval.api.analysis.UncertaintySpec;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.model.Scale;
import org.cityeval.api.model.Weight;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.api.spi.TierRule;
import org.cityeval.engine.internal.EvaluationEngine;
import org.cityeval.engine.internal.MinMaxScoring;
import org.cityeval.engine.internal.RuleLookup;
import org.cityeval.engine.internal.WeightedSumAggregation;
import org.junit.jupiter.api.Test;

/**
 * The analysis as a service: a model where only one input matters, determinism, the nominal ranking against
 * the engine on COINr's ASEM example, COINr's sensitivity task on ASEM, plain Monte Carlo, several models,
 * and the spec's errors.
 */
class UncertaintyComponentTest {
    private final UncertaintyComponent analysis = new UncertaintyComponent();

    /** COINr's task on ASEM in cityeval's levels: COINr's levels 2 and 3 (pillars, sub-indexes) are 2 and 1. */
    static UncertaintySpec coinrTask(int n, int threads) {
        return new UncertaintySpec(n, 12345L, threads, Map.of(2, 0.25, 1, 0.25), List.of("min-max", "rank"),
                List.of("arithmetic", "geometric"), List.of(1, 2, 3, 4, 5), true);
    }

    // ---------------------------------------------------------------- a model where only the weights matter

    static Indicator leaf(String id, double w) {
        return new Indicator(id, new LocalizedText(null, id), 1, new Weight(w, Provenance.PUBLISHED, null),
                Direction.POSITIVE, null, new RuleRef("min-max", Map.of()), null, null, List.of());
    }

    static EvaluationModel twoLeaves(double wx, double wy) {
        Indicator root = new Indicator(EvaluationModel.ROOT_ID, new LocalizedText(null, "total"), 0,
                new Weight(wx + wy, Provenance.PUBLISHED, null), Direction.POSITIVE, null, null,
                new RuleRef("weighted-sum", Map.of()), null, List.of(leaf("x", wx), leaf("y", wy)));
        return new EvaluationModel("two-leaves", new LocalizedText(null, "two"), new LocalizedText(null, "test"), null,
                2024, new Scale("points", wx + wy, 2), root, null, List.of(), null, List.of());
    }

    static City unit(String code) {
        return new City(code, "unit " + code, code, null, null, null, null, null, null, false, false, false);
    }

    static CityDataset dataset(double[][] rows) {
        List<CityRecord> records = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            Map<String, Double> v = new HashMap<>();
            v.put("x", rows[i][0]);
            v.put("y", rows[i][1]);
            records.add(new CityRecord(unit("U" + (i + 1)), i + 2, v, Map.of()));
        }
        return new CityDataset("test.csv", List.of("x", "y"), records);
    }

    /**
     * U1 is best on x, U2 on y, symmetrically, and U3 is worst on both: whatever the normalisation (min-max or
     * rank) and the mean (arithmetic or geometric), U1 beats U2 exactly when x weighs more than y, and U3 is
     * last. Winsorisation cannot act on 3 values. So only the weights (level 1, ±25% around 55:45) matter.
     */
    @Test
    void onlyTheInputThatMattersHasIndices() throws Exception {
        CityDataset data = dataset(new double[][] { { 2, 1 }, { 1, 2 }, { 0.5, 0.5 } });
        UncertaintySpec spec = new UncertaintySpec(4000, 7, 2, Map.of(1, 0.25), List.of("min-max", "rank"),
                List.of("arithmetic", "geometric"), List.of(1, 2), true);
        UncertaintyResult r = analysis.run(List.of(twoLeaves(55, 45)), data, spec, null);
        assertEquals(List.of("winsorisation", "normalisation", "weights level 1", "aggregation"),
                r.sensitivity().stream().map(Sensitivity::choice).toList());
        for (Sensitivity s : r.sensitivity()) {
            if (s.choice().equals("weights level 1")) {
                assertEquals(1, s.first(), 0.05, s.toString());
                assertEquals(1, s.total(), 0.05, s.toString());
            } else {
                assertEquals(0, s.first(), 0.05, s.toString());
                assertEquals(0, s.total(), 1e-12, s.toString()); // f(A) = f(A_B^i) exactly
            }
        }
        // U3 is always third: no variance, indices 0
        assertEquals(List.of("U1", "U2", "U3"), r.cities().stream().map(RankBand::adcode).toList());
        assertEquals(new RankBand("U3", "unit U3", 3, 3, 3, 3), r.cities().get(2));
        r.cityRanks().get("U3").forEach(s -> assertEquals(0, s.total()));
        assertEquals(1, r.cities().get(0).nominal());
        assertEquals(2, r.cities().get(1).nominal());
        // P(55 f1 > 45 f2) with f uniform in [0.75, 1.25] is about 0.8: U1's band spans ranks 1 and 2
        assertEquals(1, r.cities().get(0).p5());
        assertEquals(2, r.cities().get(0).p95());
        assertEquals(1, r.cities().get(0).median());
    }

    // ---------------------------------------------------------------- ASEM

    @Test
    void nominalRankingIsTheEnginesOnAsem() throws Exception {
        EvaluationModel model = Asem.model();
        CityDataset data = Asem.data();
        EvaluationResult engine = new EvaluationEngine(new MinMaxRules()).evaluate(model, data);
        Map<String, CityResult> byCode = new HashMap<>();
        engine.cities().forEach(c -> byCode.put(c.adcode(), c));

        // the index: min-max onto [1, 100] is 1 + 0.99 × min-max onto [0, 100], and so is every weighted mean
        CompiledModel cm = CompiledModel.of(model, data, new int[] { 0 }, true);
        assertEquals(49, cm.leaves);
        assertEquals(51, cm.units);
        double[] index = cm.index(0, Normalisation.MIN_MAX, Aggregation.ARITHMETIC);
        double[] engineTotals = new double[cm.units];
        for (int u = 0; u < cm.units; u++) {
            double total = byCode.get(cm.adcodes[u]).scores().get(EvaluationModel.ROOT_ID); // 6 decimals
            engineTotals[u] = total;
            assertEquals(1 + 0.99 * total, index[u], 1e-5, cm.adcodes[u]);
        }
        // COINr's index values pinned in the COINr bundle's tests (min-max onto [0, 100])
        Map<String, Double> coinr = Map.of("AUT", 56.8730977753022, "DEU", 75.2278046542818, "CHN",
                53.83900732306746, "BRN", 31.705370996580136, "LAO", 37.530124552726356);
        for (int u = 0; u < cm.units; u++) {
            Double v = coinr.get(cm.adcodes[u]);
            if (v != null) {
                assertEquals(1 + 0.99 * v, index[u], 1e-9, cm.adcodes[u]);
            }
        }
        // the ranks: ours are the engine's (which ranks the totals at the model's 2 decimals, no ties here)
        UncertaintyResult r = analysis.run(List.of(model), data, new UncertaintySpec(50, 1, 1, Map.of(),
                List.of("min-max", "rank"), List.of(), List.of(), false), null);
        assertEquals(51, r.cities().size());
        for (RankBand b : r.cities()) {
            assertEquals(byCode.get(b.adcode()).rank().intValue(), b.nominal(), b.adcode());
        }
        // and the ranks of the engine's unrounded totals
        int[] engineRanks = Ranks.competition(engineTotals);
        Map<String, Integer> nominal = new HashMap<>();
        r.cities().forEach(b -> nominal.put(b.adcode(), b.nominal()));
        for (int u = 0; u < cm.units; u++) {
            assertEquals(engineRanks[u], nominal.get(cm.adcodes[u]), cm.adcodes[u]);
        }
        assertEquals("DEU", r.cities().get(0).adcode());
    }

    /** COINr's sensitivity task on ASEM: N = 1000, five inputs, 7000 runs. */
    @Test
    void coinrTaskOnAsem() throws Exception {
        EvaluationModel model = Asem.model();
        CityDataset data = Asem.data();
        List<Integer> told = new ArrayList<>();
        UncertaintyResult r = analysis.run(List.of(model), data, coinrTask(1000, 0), told::add);
        assertEquals(List.of("winsorisation", "normalisation", "weights level 2", "weights level 1", "aggregation"),
                r.sensitivity().stream().map(Sensitivity::choice).toList());
        assertEquals(1000, r.replications());
        assertEquals(7000, told.get(told.size() - 1));
        assertTrue(told.size() >= 50, told.size() + " progress reports");
        assertTrue(r.notes().get(0).startsWith("runs: 7000 = N (d + 2) = 1000 × (5 + 2)"), r.notes().get(0));
        assertEquals(51, r.cities().size());
        assertEquals(51, r.cityRanks().size());
        double sumFirst = 0;
        for (Sensitivity s : r.sensitivity()) {
            assertTrue(s.total() >= 0 && s.total() <= 1.2, s.toString());
            assertTrue(s.first() <= s.total() + 0.1, s.toString());
            sumFirst += s.first();
        }
        assertTrue(sumFirst <= 1.1, "Σ S_i = " + sumFirst);
        for (RankBand b : r.cities()) {
            assertTrue(b.p5() <= b.median() && b.median() <= b.p95(), b.toString());
            assertTrue(b.p5() >= 1 && b.p95() <= 51, b.toString());
        }
        System.out.println("COINr task on ASEM, N = 1000:");
        r.choices().forEach(c -> System.out.println("  choice " + c));
        r.sensitivity().forEach(s -> System.out.printf("  %-16s S = %7.4f  ST = %7.4f%n", s.choice(), s.first(),
                s.total()));
        r.cities().subList(0, 10).forEach(b -> System.out.printf("  %s %-14s nominal %2d  median %4.1f  5–95%% %4.1f–%4.1f%n",
                b.adcode(), b.name(), b.nominal(), b.median(), b.p5(), b.p95()));
        r.notes().forEach(n -> System.out.println("  note " + n));
    }

    @Test
    void sameSeedSameResultWhateverTheThreads() throws Exception {
        EvaluationModel model = Asem.model();
        CityDataset data = Asem.data();
        UncertaintyResult one = analysis.run(List.of(model), data, coinrTask(200, 1), null);
        UncertaintyResult four = analysis.run(List.of(model), data, coinrTask(200, 4), null);
        assertEquals(one.cities(), four.cities());
        assertEquals(one.sensitivity(), four.sensitivity());
        assertEquals(one.cityRanks(), four.cityRanks());
        assertEquals(one.choices(), four.choices());
        assertEquals("threads: 1", one.notes().get(1));
        assertEquals("threads: 4", four.notes().get(1));
        UncertaintyResult other = analysis.run(List.of(model), data, new UncertaintySpec(200, 999, 4,
                Map.of(2, 0.25, 1, 0.25), List.of("min-max", "rank"), List.of("arithmetic", "geometric"),
                List.of(1, 2, 3, 4, 5), true), null);
        assertFalse(other.sensitivity().equals(one.sensitivity()), "another seed, another estimate");
    }

    @Test
    void plainMonteCarloHasBandsButNoIndices() throws Exception {
        UncertaintyResult r = analysis.run(List.of(Asem.model()), Asem.data(), new UncertaintySpec(300, 5, 2,
                Map.of(3, 0.25), List.of(), List.of("arithmetic", "geometric"), List.of(), false), null);
        assertTrue(r.sensitivity().isEmpty());
        assertTrue(r.cityRanks().isEmpty());
        assertEquals(List.of("weights level 3", "aggregation"), r.choices().stream().map(c -> c.split(":")[0])
                .toList());
        assertTrue(r.notes().get(0).startsWith("runs: 300 = N = 300 plain Monte Carlo"), r.notes().get(0));
        assertEquals(51, r.cities().size());
    }

    /** Two models on the same data: ASEM and ASEM without its Sust pillar; the model is one more input. */
    @Test
    void severalModelsAddTheModelAsAnInput() throws Exception {
        EvaluationModel asem = Asem.model();
        Indicator root = asem.root();
        Indicator conn = root.children().get(0);
        EvaluationModel connOnly = new EvaluationModel("asem-conn", asem.title(), asem.institution(), null, 2018,
                asem.scale(), new Indicator(root.id(), root.name(), 0, root.weight(), root.direction(), null, null,
                        root.aggregation(), null, List.of(conn)),
                null, List.of(), null, List.of(), asem.missing());
        UncertaintyResult r = analysis.run(List.of(asem, connOnly), Asem.data(), new UncertaintySpec(500, 3, 2,
                Map.of(), List.of("min-max", "rank"), List.of(), List.of(), true), null);
        assertEquals(List.of("coinr-asem", "asem-conn"), r.models());
        assertEquals(List.of("normalisation", "model"), r.sensitivity().stream().map(Sensitivity::choice).toList());
        Sensitivity model = r.sensitivity().get(1);
        assertTrue(model.total() > r.sensitivity().get(0).total(), r.sensitivity().toString());
        assertEquals(51, r.cities().size());
    }

    @Test
    void notesSayHowItRan() throws Exception {
        UncertaintyResult r = analysis.run(List.of(Asem.model()), Asem.data(), coinrTask(100, 2), null);
        String all = String.join("\n", r.notes());
        assertTrue(all.contains("threads: 2"), all);
        assertTrue(all.contains("wall time: "), all);
        assertTrue(all.contains("[1, 100]"), all);
        assertTrue(all.contains("units: 51, year 2018"), all);
        assertTrue(r.choices().get(0).startsWith("winsorisation: at most 1, 2, 3, 4 or 5 points"), r.choices().get(0));
    }

    @Test
    void zScoresWithArithmeticMeansAndHarmonicMeansRun() throws Exception {
        UncertaintyResult z = analysis.run(List.of(Asem.model()), Asem.data(), new UncertaintySpec(200, 5, 2,
                Map.of(), List.of("min-max", "rank", "z-score"), List.of("arithmetic"), List.of(), true), null);
        assertEquals(List.of("normalisation"), z.sensitivity().stream().map(Sensitivity::choice).toList());
        // the only input explains everything: A_B = B, so S = 1 exactly; S_T = 1 up to sampling error
        assertEquals(1, z.sensitivity().get(0).first());
        assertEquals(1, z.sensitivity().get(0).total(), 0.1);
        UncertaintyResult h = analysis.run(List.of(Asem.model()), Asem.data(), new UncertaintySpec(200, 5, 2,
                Map.of(), List.of(), List.of("arithmetic", "geometric", "harmonic"), List.of(), true), null);
        assertEquals("aggregation: weighted arithmetic mean, weighted geometric mean or weighted harmonic mean at "
                + "every node, over the children with data", h.choices().get(0));
        // the nominal ranking is the engine's whatever the inputs
        assertEquals("DEU", h.cities().get(0).adcode());
        assertEquals(1, h.cities().get(0).nominal());
    }

    // ---------------------------------------------------------------- errors

    @Test
    void specErrors() throws Exception {
        EvaluationModel m = Asem.model();
        CityDataset d = Asem.data();
        // the names are parsed once, when the spec is made: the message lists the valid ones and says why not
        IllegalArgumentException parse = assertThrows(IllegalArgumentException.class, () -> new UncertaintySpec(100,
                1, 1, Map.of(), List.of("min-max", "goalposts"), List.of(), List.of(), true));
        assertTrue(parse.getMessage().contains("'goalposts' is not available: use one of model, min-max, rank, z-score"),
                parse.getMessage());
        assertTrue(parse.getMessage().contains("bounds or targets"), parse.getMessage());
        BadInputException e = assertThrows(BadInputException.class, () -> analysis.run(List.of(m), d, new UncertaintySpec(100, 1, 1,
                Map.of(), List.of("z-score", "rank"), List.of("arithmetic", "geometric"), List.of(), true), null));
        assertTrue(e.reason().contains("z-scores"), e.reason());
        parse = assertThrows(IllegalArgumentException.class, () -> new UncertaintySpec(100, 1, 1, Map.of(), List.of(),
                List.of("median"), List.of(), true));
        assertTrue(parse.getMessage().contains("'median' is not available: use one of model, arithmetic, geometric, "
                + "harmonic"), parse.getMessage());
        e = assertThrows(BadInputException.class, () -> analysis.run(List.of(m), d, new UncertaintySpec(100, 1, 1,
                Map.of(), List.of("z-score", "model"), List.of(), List.of(), true), null));
        assertTrue(e.reason().contains("model's own aggregation"), e.reason());
        e = assertThrows(BadInputException.class, () -> analysis.run(List.of(m), d, new UncertaintySpec(100, 1, 1,
                Map.of(), List.of("rank"), List.of(), List.of(), true), null));
        assertTrue(e.reason().startsWith("nothing is uncertain"), e.reason());
        e = assertThrows(BadInputException.class, () -> analysis.run(List.of(m), d, new UncertaintySpec(100, 1, 1,
                Map.of(0, 0.2), List.of(), List.of(), List.of(), true), null));
        assertEquals("weightNoise", e.position());
        e = assertThrows(BadInputException.class, () -> analysis.run(List.of(m), d, new UncertaintySpec(100, 1, 1,
                Map.of(7, 0.2), List.of(), List.of(), List.of(), true), null));
        assertEquals("weightNoise.7", e.position());
        e = assertThrows(BadInputException.class, () -> analysis.run(List.of(m), d, new UncertaintySpec(100, 1, 1,
                Map.of(2, 1.5), List.of(), List.of(), List.of(), true), null));
        assertEquals("weightNoise.2", e.position());
        e = assertThrows(BadInputException.class, () -> analysis.run(List.of(m), d, new UncertaintySpec(1, 1, 1,
                Map.of(2, 0.2), List.of(), List.of(), List.of(), true), null));
        assertEquals("replications", e.position());
        e = assertThrows(BadInputException.class, () -> analysis.run(List.of(m), d, new UncertaintySpec(10, 1, -1,
                Map.of(2, 0.2), List.of(), List.of(), List.of(), true), null));
        assertEquals("threads", e.position());
        e = assertThrows(BadInputException.class, () -> analysis.run(List.of(m), d, new UncertaintySpec(10, 1, 1,
                Map.of(2, 0.2), List.of(), List.of(), List.of(-1), true), null));
        assertEquals("winsorisation", e.position());
        e = assertThrows(BadInputException.class, () -> analysis.run(List.of(), d, coinrTask(10, 1), null));
        assertEquals("models", e.position());
        CityDataset empty = new CityDataset("e.csv", List.of("zzz"), List.of(new CityRecord(unit("U1"), 2,
                Map.of("zzz", 1.0), Map.of())));
        e = assertThrows(BadInputException.class, () -> analysis.run(List.of(m), empty, coinrTask(10, 1), null));
        assertNotNull(e.reason());
    }

    /** The two built-in rules the ASEM model names. */
    private static final class MinMaxRules implements RuleLookup {
        @Override
        public ScoringRule scoring(String name) {
            return MinMaxScoring.NAME.equals(name) ? new MinMaxScoring() : null;
        }

        @Override
        public AggregationRule aggregation(String name) {
            return WeightedSumAggregation.NAME.equals(name) ? new WeightedSumAggregation() : null;
        }

        @Override
        public TierRule tier(String name) {
            return null;
        }

        @Override
        public GroupingRule grouping(String name) {
            return null;
        }
    }
}

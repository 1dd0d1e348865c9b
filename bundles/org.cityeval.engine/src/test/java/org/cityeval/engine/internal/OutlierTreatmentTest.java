package org.cityeval.engine.internal;

import static org.cityeval.engine.internal.Fixtures.model;
import static org.cityeval.engine.internal.Fixtures.node;
import static org.cityeval.engine.internal.Fixtures.numbered;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.TreatedValue;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.engine.internal.Fixtures.Data;
import org.junit.jupiter.api.Test;

/** Outlier treatment: docs/descriptor.md's worked example, column by column and through evaluate. */
class OutlierTreatmentTest {
    static final double[] FISCAL = { 30, 32, 35, 36, 38, 40, 41, 45, 60, 480 };
    static final RuleRef WINSORISE = new RuleRef("winsorise", Map.of());

    @Test
    void theWorkedExampleColumnByColumn() {
        double[] s = new double[2];
        assertEquals(Boolean.FALSE, OutlierTreatment.passes(FISCAL, 2, 3.5, s));
        assertEquals(3.14, s[0], 0.005);
        assertEquals(9.90, s[1], 0.005);
        OutlierTreatment.Treated t = OutlierTreatment.treat(FISCAL, WINSORISE);
        assertArrayEquals(new double[] { 30, 32, 35, 36, 38, 40, 41, 45, 60, 60 }, t.values(), 0);
        assertEquals("winsorised high", t.how()[9]);
        assertEquals(null, t.how()[8]);
        assertEquals("winsorised 1 value (skew 3.14, kurtosis 9.9 → skew 1.09, kurtosis 0.12)", t.summary());

        t = OutlierTreatment.treat(FISCAL, new RuleRef("winsorise", Map.of("winmax", 0.0)));
        assertEquals(Math.log(454.5), t.values()[9], 1e-12);
        assertEquals(Math.log(4.5), t.values()[0], 1e-12);
        assertEquals("log", t.how()[0]);

        t = OutlierTreatment.treat(FISCAL, new RuleRef("box-cox", Map.of("lambda", 0.5)));
        assertEquals((Math.sqrt(451) - 1) / 0.5, t.values()[9], 1e-12);
        assertEquals(40.47, t.values()[9], 0.005);
        assertEquals(0, t.values()[0], 0);
        assertEquals("box-cox λ=0.5", t.how()[0]);
        assertEquals(Math.log(451), OutlierTreatment.treat(FISCAL, new RuleRef("box-cox", Map.of("lambda", 0L)))
                .values()[9], 1e-12);

        // then box-cox instead of log when winsorising is not enough
        t = OutlierTreatment.treat(FISCAL, new RuleRef("winsorise", Map.of("winmax", 0L, "then", "box-cox",
                "lambda", 0.5)));
        assertEquals(0, t.values()[0], 0);
        // then none: the winsorised (still failing) values stay
        t = OutlierTreatment.treat(FISCAL, new RuleRef("winsorise", Map.of("winmax", 0L, "then", "none")));
        assertArrayEquals(FISCAL, t.values(), 0);
    }

    @Test
    void undefinedStatisticsAndMissingValuesAreLeftAlone() {
        double[] few = { 1, 2, 1000 };
        assertArrayEquals(few, OutlierTreatment.treat(few, WINSORISE).values(), 0);
        double[] gaps = { 30, Double.NaN, 32, 35, 36, 38, 40, 41, 45, 60, 480 };
        OutlierTreatment.Treated t = OutlierTreatment.treat(gaps, WINSORISE);
        assertTrue(Double.isNaN(t.values()[1]));
        assertEquals(60, t.values()[10], 0);
        assertEquals(null, t.how()[1]);
    }

    @Test
    void runOptions() {
        assertEquals(null, OutlierTreatment.parseOption(null));
        assertEquals(WINSORISE, OutlierTreatment.parseOption("winsorise"));
        assertEquals(new RuleRef("winsorise", Map.of("winmax", 3L)), OutlierTreatment.parseOption("winsorise:3"));
        assertEquals(new RuleRef("box-cox", Map.of("lambda", 0.5)), OutlierTreatment.parseOption("box-cox:0.5"));
        assertEquals(new RuleRef("none", Map.of()), OutlierTreatment.parseOption("none"));
        assertEquals("treatment 'square' is not known; use winsorise, winsorise:WINMAX, log, box-cox:LAMBDA or none",
                assertThrows(IllegalArgumentException.class, () -> OutlierTreatment.parseOption("square")).getMessage());
        assertEquals("treatment 'box-cox': box-cox needs its lambda, e.g. box-cox:0.5",
                assertThrows(IllegalArgumentException.class, () -> OutlierTreatment.parseOption("box-cox")).getMessage());
    }

    static EvaluationModel fiscalModel(RuleRef treatment) {
        return model(node("fiscal", 50).scoring(MinMaxScoring.NAME).treatment(treatment),
                node("parks", 50).scoring(MinMaxScoring.NAME));
    }

    static CityDataset data() {
        Data d = new Data("fiscal", "parks");
        for (int i = 0; i < FISCAL.length; i++) {
            d.row(numbered(i + 1), FISCAL[i], 480 - FISCAL[i]);
        }
        return d.build();
    }

    @Test
    void evaluateTreatsAndRecordsPerIndicatorAndCity() throws Exception {
        EvaluationEngine engine = new EvaluationEngine(BuiltInRules.INSTANCE);
        EvaluationResult plain = engine.evaluate(fiscalModel(null), data());
        assertEquals(List.of(), plain.treated());

        EvaluationResult r = engine.evaluate(fiscalModel(WINSORISE), data());
        assertEquals(List.of(new TreatedValue("fiscal", numbered(10).adcode(), numbered(10).name(), 480, 60,
                "winsorised high")), r.treated());
        assertTrue(r.warnings().contains("treatment of fiscal: winsorised 1 value (skew 3.14, kurtosis 9.9 → skew "
                + "1.09, kurtosis 0.12)"), r.warnings().toString());
        // min-max over the treated values: the 9th and the 10th city both take all 50 points of fiscal
        assertEquals(50.0, scoreOf(r, 9, "fiscal"));
        assertEquals(50.0, scoreOf(r, 10, "fiscal"));
        assertEquals(50.0 * 30 / 450, scoreOf(plain, 9, "fiscal"), 1e-4);

        // the run's option overrides the leaf's: none switches it off, box-cox treats every leaf
        EvaluationResult none = engine.evaluate(fiscalModel(WINSORISE), data(),
                EvaluationOptions.DEFAULTS.withTreatment("none"));
        assertEquals(List.of(), none.treated());
        assertEquals(plain.cities(), none.cities());
        EvaluationResult bc = engine.evaluate(fiscalModel(null), data(),
                EvaluationOptions.DEFAULTS.withTreatment("box-cox:0.5"));
        assertEquals(20, bc.treated().size());
        assertEquals("box-cox λ=0.5", bc.treated().get(0).how());

        BadInputException e = assertThrows(BadInputException.class, () -> engine.evaluate(fiscalModel(null), data(),
                EvaluationOptions.DEFAULTS.withTreatment("square")));
        assertTrue(e.getMessage().contains("treatment 'square' is not known"), e.getMessage());
    }

    @Test
    void thePipelineOfCompareAndUncertaintyTreatsAsEvaluateDoes() throws Exception {
        ModelPipeline p = ModelPipeline.of(fiscalModel(WINSORISE), data(), EvaluationOptions.DEFAULTS,
                BuiltInRules.INSTANCE);
        EvaluationResult r = new EvaluationEngine(BuiltInRules.INSTANCE).evaluate(fiscalModel(WINSORISE), data());
        EvaluationResult plain = new EvaluationEngine(BuiltInRules.INSTANCE).evaluate(fiscalModel(null), data());
        double[] totals = p.nominalTotals();
        for (int u = 0; u < totals.length; u++) {
            int city = u + 1;
            double evaluated = r.cities().stream().filter(c -> c.adcode().equals(numbered(city).adcode()))
                    .findFirst().orElseThrow().score();
            assertEquals(evaluated, totals[u], 0.05, "city " + city);
        }
        // and the treatment changed them: the 9th city's total differs from the untreated one
        assertTrue(Math.abs(totals[8] - plain.cities().stream().filter(c -> c.adcode().equals(numbered(9).adcode()))
                .findFirst().orElseThrow().score()) > 1);
    }

    static double scoreOf(EvaluationResult r, int city, String node) {
        return r.cities().stream().filter(c -> c.adcode().equals(numbered(city).adcode())).findFirst().orElseThrow()
                .scores().get(node);
    }
}

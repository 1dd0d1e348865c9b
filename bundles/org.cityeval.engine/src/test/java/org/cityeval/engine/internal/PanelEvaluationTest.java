package org.cityeval.engine.internal;

import static org.cityeval.engine.internal.DataPreparationTest.BEIJING;
import static org.cityeval.engine.internal.DataPreparationTest.HANGZHOU;
import static org.cityeval.engine.internal.DataPreparationTest.SHANGHAI;
import static org.cityeval.engine.internal.Fixtures.MISSING;
import static org.cityeval.engine.internal.Fixtures.model;
import static org.cityeval.engine.internal.Fixtures.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.result.PanelCity;
import org.cityeval.api.result.PanelResult;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.PanelOptions;
import org.cityeval.engine.internal.DataPreparationTest.Rows;
import org.junit.jupiter.api.Test;

/**
 * Panels: each year evaluated as a one-year run, with the leaves scored on the year's range or on the whole
 * panel's; time-series imputation; CAGR and Theil–Sen slope. Expected scores worked out by hand next to them.
 */
class PanelEvaluationTest {
    /** One min-max leaf on 100 points: points = 100 × (x − min) / (max − min). */
    static final EvaluationModel MODEL = model(node("x", 100).scoring(MinMaxScoring.NAME));
    static final List<Integer> YEARS = List.of(2019, 2020, 2021);

    static PanelResult run(CityDataset data, String normalise, String missing) throws BadInputException {
        return PanelEvaluation.evaluate(DataPreparationTest.engine(), MODEL, data, EvaluationOptions.DEFAULTS,
                new PanelOptions(List.of(), normalise, missing));
    }

    /** 北京 rises 10, 20, 40; 上海 stays at 20; 杭州 stays at 30. */
    static CityDataset risingAmongSteady(double beijing2020) {
        return new Rows("x")
                .yearRow(BEIJING, 2019, 10).yearRow(SHANGHAI, 2019, 20).yearRow(HANGZHOU, 2019, 30)
                .yearRow(BEIJING, 2020, beijing2020).yearRow(SHANGHAI, 2020, 20).yearRow(HANGZHOU, 2020, 30)
                .yearRow(BEIJING, 2021, 40).yearRow(SHANGHAI, 2021, 20).yearRow(HANGZHOU, 2021, 30)
                .build();
    }

    static PanelCity city(PanelResult r, City c) {
        return r.cities().stream().filter(p -> p.adcode().equals(c.adcode())).findFirst().orElseThrow();
    }

    @Test
    void panelNormalisationMovesAScoreWithItsDataAndKeepsSteadyCitiesSteady() throws Exception {
        PanelResult panel = run(risingAmongSteady(20), "panel", null);
        assertEquals(YEARS, panel.years());
        assertEquals("panel", panel.normalisation());
        // panel range 10..40: 北京 0, 33.3, 100; 上海 (20 − 10) / 30 = 33.3 every year; 杭州 66.7 every year
        assertEquals(Arrays.asList(0.0, 33.3, 100.0), city(panel, BEIJING).totals());
        assertEquals(Arrays.asList(33.3, 33.3, 33.3), city(panel, SHANGHAI).totals());
        assertEquals(Arrays.asList(66.7, 66.7, 66.7), city(panel, HANGZHOU).totals());
        // ranks within each year: 北京 3rd, tied 2nd with 上海, 1st
        assertEquals(Arrays.asList(3, 2, 1), city(panel, BEIJING).ranks());
        assertEquals(Arrays.asList(0.0, 33.33333, 100.0), city(panel, BEIJING).nodes().get("x"), "node scores unrounded");
        assertEquals("北京市", panel.cities().get(0).name(), "ordered by the last year's rank");
        assertTrue(panel.warnings().get(0).startsWith("normalisation: panel"), panel.warnings().toString());

        // year normalisation is a one-year run per year: 上海 50 in 2019 (range 10..30), 0 in 2021 (range 20..40)
        PanelResult year = run(risingAmongSteady(20), "year", null);
        assertEquals("year", year.normalisation());
        assertEquals(Arrays.asList(50.0, 0.0, 0.0), city(year, SHANGHAI).totals());
        for (int i = 0; i < YEARS.size(); i++) {
            double oneYear = new EvaluationEngine(DataPreparationTest.rules()).evaluate(MODEL,
                    risingAmongSteady(20), new EvaluationOptions(null, YEARS.get(i))).cities().stream()
                    .filter(c -> c.adcode().equals(SHANGHAI.adcode())).findFirst().orElseThrow().score();
            assertEquals(oneYear, city(year, SHANGHAI).totals().get(i), "as the one-year run of " + YEARS.get(i));
        }
    }

    @Test
    void aRunsTreatmentIsAppliedInEveryYearOfAPanelAsInItsOneYearRun() throws Exception {
        // box-cox λ=0.5 (COINr's: y = x − min + 1, then 2(√y − 1)) moves the scores between the ends of the range
        EvaluationOptions treat = EvaluationOptions.DEFAULTS.withTreatment("box-cox:0.5");
        for (String normalise : List.of("year", "panel")) {
            PanelResult panel = PanelEvaluation.evaluate(DataPreparationTest.engine(), MODEL, risingAmongSteady(20),
                    treat, new PanelOptions(List.of(), normalise, null));
            PanelResult plain = run(risingAmongSteady(20), normalise, null);
            assertTrue(!city(panel, SHANGHAI).totals().equals(city(plain, SHANGHAI).totals()),
                    normalise + ": the treatment changes 上海's scores " + city(panel, SHANGHAI).totals());
            if (normalise.equals("year")) {
                for (int i = 0; i < YEARS.size(); i++) {
                    double oneYear = new EvaluationEngine(DataPreparationTest.rules()).evaluate(MODEL,
                            risingAmongSteady(20), new EvaluationOptions(null, YEARS.get(i)).withTreatment(
                                    "box-cox:0.5")).cities().stream()
                            .filter(c -> c.adcode().equals(SHANGHAI.adcode())).findFirst().orElseThrow().score();
                    assertEquals(oneYear, city(panel, SHANGHAI).totals().get(i), "as the one-year run of " + YEARS.get(i));
                }
            } else {
                // treated over the whole panel, as it is normalised: y = x − 10 + 1 over all years' values 10..40,
                // then 2(√y − 1); 上海's 20 → y = 11 every year: 100 × (√11 − 1) / (√31 − 1) = 50.7
                assertEquals(Arrays.asList(50.7, 50.7, 50.7), city(panel, SHANGHAI).totals());
                assertEquals(Arrays.asList(0.0, 50.7, 100.0), city(panel, BEIJING).totals());
                assertTrue(panel.warnings().stream().anyMatch(w -> w.startsWith("treatment of x over the panel 2019–2021")),
                        panel.warnings().toString());
            }
        }
    }

    @Test
    void cagrAndTheilSenSlopePerCity() throws Exception {
        PanelResult panel = run(risingAmongSteady(20), "panel", null);
        // 杭州 66.7 → 66.7: no growth; 北京 starts at 0: no CAGR, slope median of (33.3, 50, 66.7) = 50
        assertEquals(0.0, city(panel, HANGZHOU).cagr());
        assertEquals(0.0, city(panel, HANGZHOU).slope());
        assertNull(city(panel, BEIJING).cagr());
        assertEquals(50.0, city(panel, BEIJING).slope());
        // 25 → 75 over 2 years: √3 − 1; Theil–Sen ignores the outlying middle year: slopes 175, −75, 25 → 25
        List<Integer> years = YEARS;
        assertEquals(Math.sqrt(3) - 1, PanelEvaluation.cagr(years, Arrays.asList(25.0, 200.0, 75.0)), 1e-6);
        assertEquals(25.0, PanelEvaluation.theilSen(years, Arrays.asList(25.0, 200.0, 75.0)));
        assertNull(PanelEvaluation.theilSen(years, Arrays.asList(null, 5.0, null)));
        assertEquals(10.0, PanelEvaluation.theilSen(years, Arrays.asList(null, 5.0, 15.0)));
    }

    @Test
    void interpolationAndLocfFillAGapAndSaySo() throws Exception {
        // 北京 2020 missing: interpolated (10 + 40) / 2 = 25 → panel 100 × 15 / 30 = 50; carried forward 10 → 0
        PanelResult interpolated = run(risingAmongSteady(MISSING), "panel", "interpolate");
        assertEquals(50.0, city(interpolated, BEIJING).totals().get(1));
        assertEquals(List.of("北京市 2020 x"), interpolated.imputed());
        assertEquals("interpolate", interpolated.imputation());
        assertTrue(interpolated.warnings().stream().anyMatch(w -> w.contains("1 values imputed")),
                interpolated.warnings().toString());
        PanelResult locf = run(risingAmongSteady(MISSING), "panel", "locf");
        assertEquals(0.0, city(locf, BEIJING).totals().get(1));
        // without imputation 北京 has no 2020 total
        assertNull(city(run(risingAmongSteady(MISSING), "panel", null), BEIJING).totals().get(1));
    }

    /** 北京 10, 20, 40 and 上海 20 every year; 杭州 has a 2019 row (30) and a 2021 row (50), none for 2020. */
    static CityDataset hangzhouWithout2020() {
        return new Rows("x")
                .yearRow(BEIJING, 2019, 10).yearRow(SHANGHAI, 2019, 20).yearRow(HANGZHOU, 2019, 30)
                .yearRow(BEIJING, 2020, 20).yearRow(SHANGHAI, 2020, 20)
                .yearRow(BEIJING, 2021, 40).yearRow(SHANGHAI, 2021, 20).yearRow(HANGZHOU, 2021, 50)
                .build();
    }

    @Test
    void aYearWithoutARowIsMadeByInterpolationOrLocfAndOtherwiseStaysAbsentAndSaid() throws Exception {
        // interpolate: 杭州 2020 = (30 + 50) / 2 = 40; panel range 10..50 → 100 × 30 / 40 = 75, ranked 1st of 3
        PanelResult interpolated = run(hangzhouWithout2020(), "panel", "interpolate");
        PanelCity hz = city(interpolated, HANGZHOU);
        assertEquals(75.0, hz.totals().get(1));
        assertEquals(1, hz.ranks().get(1));
        assertEquals(List.of("杭州市 2020 x"), interpolated.imputed(), "the made row's values are marked imputed");
        assertTrue(interpolated.warnings().stream().anyMatch(w -> w.contains("1 rows made") && w.contains("杭州市 2020")),
                interpolated.warnings().toString());
        assertTrue(interpolated.warnings().stream().noneMatch(w -> w.startsWith("absent years")),
                interpolated.warnings().toString());
        // locf: 杭州 2020 = 30 (2019's) → 100 × 20 / 40 = 50
        PanelResult locf = run(hangzhouWithout2020(), "panel", "locf");
        assertEquals(50.0, city(locf, HANGZHOU).totals().get(1));
        assertEquals(List.of("杭州市 2020 x"), locf.imputed());
        // the data have two cities in 2020; the panel's 2020 has three
        assertEquals(3, locf.cities().stream().filter(c -> c.totals().get(1) != null).count());
        // without a time-series policy 杭州 stays absent in 2020 and the result says so
        PanelResult none = run(hangzhouWithout2020(), "panel", null);
        assertNull(city(none, HANGZHOU).totals().get(1));
        assertNull(city(none, HANGZHOU).ranks().get(1));
        assertEquals(List.of(), none.imputed());
        assertTrue(none.warnings().stream().anyMatch(w -> w.startsWith("absent years: 1 city-years")
                && w.contains("杭州市 2020") && w.contains("interpolate or locf")), none.warnings().toString());
    }

    @Test
    void locfMakesNoRowBeforeACitysFirstYearNorInterpolationAfterItsLast() throws Exception {
        // 杭州 only in 2020: nothing before it to carry forward into 2019, nothing after it to interpolate into 2021
        CityDataset data = new Rows("x")
                .yearRow(BEIJING, 2019, 10).yearRow(SHANGHAI, 2019, 20)
                .yearRow(BEIJING, 2020, 20).yearRow(SHANGHAI, 2020, 20).yearRow(HANGZHOU, 2020, 30)
                .yearRow(BEIJING, 2021, 40).yearRow(SHANGHAI, 2021, 20)
                .build();
        PanelResult locf = run(data, "panel", "locf");
        assertNull(city(locf, HANGZHOU).totals().get(0));
        assertEquals(city(locf, HANGZHOU).totals().get(1), city(locf, HANGZHOU).totals().get(2), "2021 carried forward");
        assertTrue(locf.warnings().stream().anyMatch(w -> w.startsWith("absent years: 1 city-years")
                && w.contains("杭州市 2019")), locf.warnings().toString());
        PanelResult interpolated = run(data, "panel", "interpolate");
        assertNull(city(interpolated, HANGZHOU).totals().get(0));
        assertNull(city(interpolated, HANGZHOU).totals().get(2));
        assertEquals(List.of(), interpolated.imputed());
    }

    @Test
    void yearsTheDataDoNotHoldAreRefused() {
        BadInputException e = assertThrows(BadInputException.class, () -> PanelEvaluation.evaluate(
                DataPreparationTest.engine(), MODEL, risingAmongSteady(20), EvaluationOptions.DEFAULTS,
                new PanelOptions(List.of(2018, 2019), "panel", null)));
        assertTrue(e.getMessage().contains("2018") && e.getMessage().contains("[2019, 2020, 2021]"), e.getMessage());
        assertEquals(List.of(2019, 2020, 2021, 2023), PanelOptions.parseYears("2019-2021,2023"));
        assertEquals(List.of(), PanelOptions.parseYears("all"));
        assertThrows(IllegalArgumentException.class, () -> PanelOptions.parseYears("2019..2023"));
        assertThrows(IllegalArgumentException.class, () -> new PanelOptions(List.of(), "global", null));
    }
}

package org.cityeval.engine.internal;

import static org.cityeval.engine.internal.DataPreparationTest.HANGZHOU;
import static org.cityeval.engine.internal.DataPreparationTest.NANJING;
import static org.cityeval.engine.internal.DataPreparationTest.NINGBO;
import static org.cityeval.engine.internal.DataPreparationTest.WENZHOU;
import static org.cityeval.engine.internal.DataPreparationTest.inner;
import static org.cityeval.engine.internal.DataPreparationTest.leaf;
import static org.cityeval.engine.internal.Fixtures.MISSING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.cityeval.api.analysis.CityProfile;
import org.cityeval.api.analysis.PipelineStages;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.service.EvaluationOptions;
import org.junit.jupiter.api.Test;

/**
 * City profiles and the pipeline's stages, worked by hand. Model: A (60) = a1 (30, min-max) + a2 (30, min-max,
 * negative); b (40, min-max). Data (b missing for 宁波, imputed by the mean 3):
 * <pre>
 *          a1  a2  b   → points a1 a2 b    A   total rank
 *   杭州市  10  1   5           10 30 40   40  80    1
 *   宁波市  20  3   -           20 10 20   30  50    2
 *   温州市  30  2   1           30 20 0    50  50    2
 *   南京市  0   4   3           0  0  20   0   20    4
 * </pre>
 */
class ProfilesTest {
    static final MissingData MEAN = new MissingData("mean", null, null);

    static EvaluationModel model() {
        return DataPreparationTest.model(inner("A", 60, leaf("a1", 30).minMax(), leaf("a2", 30).minMax().negative()),
                leaf("b", 40).minMax());
    }

    static CityDataset data() {
        return new DataPreparationTest.Rows("a1", "a2", "b").row(HANGZHOU, 10, 1, 5).row(NINGBO, 20, 3, MISSING)
                .row(WENZHOU, 30, 2, 1).row(NANJING, 0, 4, 3).build();
    }

    static CityProfile profile(String city, int top, int bottom) throws BadInputException {
        EvaluationEngine.StageCapture capture = new EvaluationEngine.StageCapture();
        EvaluationResult r = DataPreparationTest.engine().evaluate(model(), data(), new EvaluationOptions(MEAN, null),
                capture);
        return Profiles.profile(model(), r, capture, city, top, bottom);
    }

    static List<String> ids(List<CityProfile.IndicatorRank> l) {
        return l.stream().map(CityProfile.IndicatorRank::id).toList();
    }

    @Test
    void strengthsAreTheBestRanksOnDirectionAdjustedRawValuesTiesInTreeOrder() throws Exception {
        CityProfile p = profile("杭州市", 2, 1);
        // a1: 10 of (10,20,30,0) → 3 of 4; a2 negative: 1 is best → 1 of 4; b: 5 of (5,-,1,3) → 1 of 3
        assertEquals(List.of("a2", "b"), ids(p.strengths()));
        assertEquals(List.of("a1"), ids(p.weaknesses()));
        CityProfile.IndicatorRank b = p.strengths().get(1);
        assertEquals(1, b.rank());
        assertEquals(3, b.of(), "宁波's missing b is left out of the ranking (raw, before imputation)");
        assertEquals(5.0, b.value());
        assertEquals("total", b.group());
        assertEquals("A", p.strengths().get(0).group());
    }

    @Test
    void indicatorsWhereTheUnitRanksLastAreDropped() throws Exception {
        CityProfile p = profile("南京市", 5, 5);
        // a1 and a2: 南京 last (4 of 4), dropped; b: 3 → 2 of 3
        assertEquals(List.of("b"), ids(p.strengths()));
        assertEquals(List.of("b"), ids(p.weaknesses()));
        assertEquals(2, p.strengths().get(0).rank());
    }

    @Test
    void ranksOfNAndProvinceRank() throws Exception {
        CityProfile p = profile("温州", 5, 5);
        assertEquals("330300", p.adcode());
        assertEquals(50.0, p.score(), 1e-9);
        assertEquals(2, p.rank());
        assertEquals(4, p.ranked());
        // 浙江: 杭州 1, 宁波 2, 温州 2 → one ahead of 温州
        assertEquals(2, p.provinceRank());
        assertEquals(3, p.provinceRanked());
        CityProfile.NodeRank a = p.nodes().stream().filter(n -> n.id().equals("A")).findFirst().orElseThrow();
        assertEquals(50.0, a.score(), 1e-9);
        assertEquals(1, a.rank());
        assertEquals(4, a.of());
        CityProfile.NodeRank b = p.nodes().stream().filter(n -> n.id().equals("b")).findFirst().orElseThrow();
        assertEquals(4, b.rank(), "0 points, behind 40, 20, 20");
        CityProfile nanjing = profile("320100", 1, 1);
        assertEquals(1, nanjing.provinceRank());
        assertEquals(1, nanjing.provinceRanked());
    }

    @Test
    void anUnknownOrAmbiguousUnitIsNamed() {
        BadInputException e = assertThrows(BadInputException.class, () -> profile("巴黎", 5, 5));
        assertTrue(e.getMessage().contains("'巴黎'"), e.getMessage());
        EvaluationEngine.StageCapture none = new EvaluationEngine.StageCapture();
        assertNull(none.tree);
    }

    @Test
    void stagesAreThePipelinesOwnValues() throws Exception {
        EvaluationEngine.StageCapture capture = new EvaluationEngine.StageCapture();
        EvaluationResult r = DataPreparationTest.engine().evaluate(model(), data(), new EvaluationOptions(MEAN, null),
                capture);
        PipelineStages s = Profiles.stages(model(), capture);
        assertEquals(List.of("raw", "imputed", "scored", "aggregated"),
                s.stages().stream().map(PipelineStages.Stage::name).toList());
        assertEquals(List.of("330100", "330200", "330300", "320100"),
                s.units().stream().map(PipelineStages.Unit::adcode).toList());
        assertEquals(Arrays.asList(5.0, null, 1.0, 3.0), s.stage("raw").values().get("b"));
        assertEquals(List.of(5.0, 3.0, 1.0, 3.0), s.stage("imputed").values().get("b"));
        assertEquals(List.of(40.0, 20.0, 0.0, 20.0), s.stage("scored").values().get("b"));
        assertEquals(List.of(40.0, 30.0, 50.0, 0.0), s.stage("aggregated").values().get("A"));
        // the aggregated stage is the result's points
        for (int c = 0; c < s.units().size(); c++) {
            String adcode = s.units().get(c).adcode();
            double total = s.stage("aggregated").values().get("total").get(c);
            assertEquals(r.cities().stream().filter(x -> x.adcode().equals(adcode)).findFirst().orElseThrow()
                    .score(), total, 1e-9);
        }
        PipelineStages.Node a2 = s.nodes().stream().filter(n -> n.id().equals("a2")).findFirst().orElseThrow();
        assertEquals("A", a2.parent());
        assertEquals("negative", a2.direction());
        assertTrue(a2.leaf());
    }

    static org.cityeval.api.analysis.LeaveOneOut leaveOneOut(String level) throws BadInputException {
        return LeaveOneOutRuns.run(DataPreparationTest.engine(), model(), data(), new EvaluationOptions(MEAN, null),
                level);
    }

    @Test
    void leaveOneIndicatorOutRenormalisesSiblingsAndReportsRankShifts() throws Exception {
        org.cityeval.api.analysis.LeaveOneOut r = leaveOneOut("indicator");
        assertEquals(List.of("330100", "330200", "330300", "320100"),
                r.units().stream().map(org.cityeval.api.analysis.LeaveOneOut.Unit::adcode).toList());
        assertEquals(List.of("a1", "a2", "b"),
                r.removals().stream().map(org.cityeval.api.analysis.LeaveOneOut.Removal::node).toList());
        // without a1, a2 takes A's 60 points: 杭州 60+40, 宁波 20+20, 温州 40+0, 南京 0+20 → ranks unchanged
        assertEquals(List.of(1, 2, 2, 4), r.removals().get(0).ranks());
        assertEquals(0.0, r.removals().get(0).meanAbsoluteShift(), 1e-12);
        // without b, A takes 100 points (a1, a2 50 each): 杭州 66.67, 宁波 50, 温州 83.33, 南京 0
        org.cityeval.api.analysis.LeaveOneOut.Removal b = r.removals().get(2);
        assertEquals(List.of(2, 3, 1, 4), b.ranks());
        assertEquals(0.75, b.meanAbsoluteShift(), 1e-12);
        assertEquals(1, b.maxAbsoluteShift());
        assertEquals("total", b.parent());
    }

    @Test
    void leaveOneDomainOut() throws Exception {
        org.cityeval.api.analysis.LeaveOneOut r = leaveOneOut("domain");
        assertEquals(List.of("A", "b"),
                r.removals().stream().map(org.cityeval.api.analysis.LeaveOneOut.Removal::node).toList());
        // without A, b takes 100 points: 杭州 100, 宁波 50 (imputed 3), 温州 0, 南京 50
        assertEquals(List.of(1, 2, 4, 2), r.removals().get(0).ranks());
        assertEquals(1.0, r.removals().get(0).meanAbsoluteShift(), 1e-12);
        assertEquals(2, r.removals().get(0).maxAbsoluteShift());
        BadInputException e = assertThrows(BadInputException.class, () -> leaveOneOut("pillar"));
        assertTrue(e.getMessage().contains("indicator or domain"), e.getMessage());
    }
}

package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.Tier;
import org.cityeval.api.model.Weight;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.GroupResult;
import org.cityeval.api.result.ReferenceCheck;
import org.cityeval.api.result.TierCount;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ModelOverview;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed models as the full distribution loads them, inside a real Felix: their trees and weight
 * provenance against the methodology specs, and their tiers on small datasets built here by hand, where
 * every expected figure can be worked out on paper.
 */
class SeedModelsTest {
    static final String CCID = "ccid-digital-city-2020";
    static final String CSTC = "cstc-smart-2021";
    static final String PSFT = "guomai-psft-2019";
    static final String PSDF = "guomai-psdf-2024";
    /** Being added while this test is written: checked only when the distribution loads it. */
    static final String NATIONAL = "national-smart-city-2016";

    static final List<String> CCID_DOMAINS = List.of("digital_economy", "digital_governance", "digital_government",
            "digital_livelihood", "digital_innovation", "digital_foundation");
    static final List<String> CSTC_FACTORS = List.of("service_completeness", "management_maturity",
            "application_platform_maturity", "resource_readiness", "technology_support");
    static final List<String> PSFT_DOMAINS = List.of("smart_foundation", "smart_governance", "smart_livelihood",
            "digital_economy", "innovation_environment");

    @RegisterExtension
    static final OsgiRuntime runtime = OsgiRuntime.perClass();

    // --- trees and provenance ------------------------------------------------------------------------

    @Test
    void allSeedModelsLoadWithoutFailures() throws Exception {
        ModelCatalog catalog = runtime.service(ModelCatalog.class);
        for (String id : List.of(CCID, CSTC, PSFT, PSDF)) {
            model(id);
        }
        assertTrue(catalog.failures().isEmpty(), () -> "unexpected failures: " + catalog.failures());
    }

    @Test
    void ccidTreeHasSixDomainsAndOnlyAssumedWeights() throws Exception {
        EvaluationModel m = model(CCID);
        ModelOverview o = overview(CCID);
        assertEquals(List.of(6, 14, 34), o.levels());
        // spec: "No weights were published" at any level, so all 6 + 14 + 34 are assumed
        assertEquals(provenance(0, 0, 0, 54), o.weights());
        assertWeightsAddUp(m.root());
        assertEquals(CCID_DOMAINS, ids(m.root().children()));
        for (Indicator d : m.root().children()) {
            assertEquals(100.0 / 6, d.weight().value(), 1e-9, d.id());
            assertEquals(Provenance.ASSUMED, d.weight().provenance(), d.id());
        }
        assertEquals("score-bands", o.tiers());
    }

    @Test
    void cstcTreeHasInferredResourceAndTechnologyAndAssumedRest() throws Exception {
        EvaluationModel m = model(CSTC);
        ModelOverview o = overview(CSTC);
        assertEquals(List.of(5, 16), o.levels());
        // spec: R and T 10% each from a text fragment (inferred); S, M, A share the other 80% (assumed);
        // level 2 equal within each factor (assumed): 2 inferred, 3 + 16 assumed
        assertEquals(provenance(0, 0, 2, 19), o.weights());
        assertWeightsAddUp(m.root());
        assertEquals("index", m.scale().kind());
        assertEquals(1.0, m.scale().max());
        assertEquals(CSTC_FACTORS, ids(m.root().children()));
        for (String id : List.of("service_completeness", "management_maturity", "application_platform_maturity")) {
            Weight w = node(m.root(), id).weight();
            assertEquals(0.8 / 3, w.value(), 1e-9, id);
            assertEquals(Provenance.ASSUMED, w.provenance(), id);
        }
        for (String id : List.of("resource_readiness", "technology_support")) {
            Weight w = node(m.root(), id).weight();
            assertEquals(0.1, w.value(), 1e-9, id);
            assertEquals(Provenance.INFERRED, w.provenance(), id);
        }
        // the five named technology aspects carry the whole factor (the sixth is not recoverable)
        assertEquals(5, node(m.root(), "technology_support").children().size());
        assertEquals("rank-shares", o.tiers());
    }

    @Test
    void psftTreeHasFiveDomainsAndOnlyAssumedWeights() throws Exception {
        EvaluationModel m = model(PSFT);
        ModelOverview o = overview(PSFT);
        assertEquals(List.of(5, 3), o.levels());
        // spec: no weights published at any level
        assertEquals(provenance(0, 0, 0, 8), o.weights());
        assertWeightsAddUp(m.root());
        assertEquals(PSFT_DOMAINS, ids(m.root().children()));
        for (Indicator d : m.root().children()) {
            assertEquals(20.0, d.weight().value(), 1e-9, d.id());
        }
        for (Indicator c : node(m.root(), "smart_foundation").children()) {
            assertEquals(20.0 / 3, c.weight().value(), 1e-9, c.id());
        }
        assertNull(o.tiers(), "the report published no tiers of cities");
        assertEquals(List.of("region", "province"), o.groups());
    }

    @Test
    void psdfTreeHasPublishedDerivedAndAssumedWeights() throws Exception {
        EvaluationModel m = model(PSDF);
        ModelOverview o = overview(PSDF);
        assertEquals(List.of(4, 11, 31), o.levels());
        // spec: [pub] 4 level-1 + 11 level-2 + 6 level-3; [der] 城市运行平台 and 推进机制; 31 - 8 level-3 assumed
        assertEquals(provenance(21, 2, 0, 23), o.weights());
        assertWeightsAddUp(m.root());
        assertEquals(List.of(30.0, 30.0, 20.0, 20.0),
                m.root().children().stream().map(c -> c.weight().value()).toList());
        assertEquals(Provenance.DERIVED, node(m.root(), "operation_platform").weight().provenance());
        assertEquals(Provenance.DERIVED, node(m.root(), "promotion_mechanism").weight().provenance());
    }

    @Test
    void nationalTreeHasEightPublishedDomains() throws Exception {
        Optional<LoadedModel> loaded = runtime.service(ModelCatalog.class).find(NATIONAL);
        Assumptions.assumeTrue(loaded.isPresent(), NATIONAL + " is not in this distribution yet");
        EvaluationModel m = loaded.get().model();
        ModelOverview o = overview(NATIONAL);
        assertEquals(8, o.levels().get(0));
        assertWeightsAddUp(m.root());
        assertEquals(100.0, m.scale().max());
        // spec: level-1 weights 37, 9, 8, 7, 7, 8, 4, 20, all published
        assertEquals(List.of(37.0, 9.0, 8.0, 7.0, 7.0, 8.0, 4.0, 20.0),
                m.root().children().stream().map(c -> c.weight().value()).toList());
        for (Indicator d : m.root().children()) {
            assertEquals(Provenance.PUBLISHED, d.weight().provenance(), d.id());
        }
        // spec: 惠民服务's level-2 weights 8, 3, 3, 3, 3, 3, 7, 5 and 2 (where the model has them)
        Indicator services = m.root().children().get(0);
        // (电商服务's name and weight are inferred as the remainder, the others published)
        if (!services.leaf()) {
            assertEquals(List.of(8.0, 3.0, 3.0, 3.0, 3.0, 3.0, 7.0, 5.0, 2.0),
                    services.children().stream().map(c -> c.weight().value()).toList());
            List<Indicator> kids = services.children();
            for (Indicator c : kids.subList(0, 8)) {
                assertEquals(Provenance.PUBLISHED, c.weight().provenance(), c.id());
            }
            assertEquals(Provenance.INFERRED, kids.get(8).weight().provenance(), kids.get(8).id());
        }
        assertNotNull(m.tiers(), "the spec gives four maturity stages");
        assertEquals(4, m.tiers().tiers().size());
    }

    // --- tiers on hand-made data ---------------------------------------------------------------------

    /** CCID's bands on the total: ≥85 生态创新, [70, 85) 能力协同, [60, 70) 单元数字化, below 60 榜外. */
    @Test
    void ccidScoreBandsFromLevelOnePoints() throws Exception {
        EvaluationModel m = model(CCID);
        Rows rows = new Rows(CCID_DOMAINS)
                .add("440300", 15, 15, 15, 15, 15, 15) // 90
                .add("310000", 15, 15, 15, 15, 15, 10) // 85 exactly: the band's lower bound is inclusive
                .add("110000", 15, 15, 15, 15, 15, 9.9) // 84.9
                .add("440100", 12, 12, 12, 12, 12, 10) // 70
                .add("330100", 10, 10, 10, 10, 10, 15) // 65
                .add("441900", 10, 10, 10, 10, 10, 9.9); // 59.9
        EvaluationResult r = evaluate(m, rows);

        assertEquals(1, r.model().basisLevel());
        assertEquals(List.of("440300", "310000", "110000", "440100", "330100", "441900"), adcodes(r));
        assertEquals(List.of(90.0, 85.0, 84.9, 70.0, 65.0, 59.9), r.cities().stream().map(CityResult::score).toList());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), r.cities().stream().map(CityResult::rank).toList());
        assertEquals(List.of("生态创新", "生态创新", "能力协同", "能力协同", "单元数字化", "榜外"),
                r.cities().stream().map(CityResult::tier).toList());
        assertEquals(Map.of("生态创新", 2, "能力协同", 2, "单元数字化", 1, "榜外", 1), tierCounts(r));
        assertEquals(List.of("≥ 85", "[70, 85)", "[60, 70)", "< 60"), r.tiers().stream().map(TierCount::rule).toList());

        // the six level-1 weights the total rests on are all assumed, and the result says so
        assertEquals(CCID_DOMAINS, r.model().assumedWeights());
        assertTrue(r.warnings().get(0).startsWith("assumed weights entered this result (6 indicators"),
                () -> r.warnings().toString());
    }

    /** 25 cities: each boundary is n × cumulative share rounded half up: 16% = 4.00 → 4, 50% = 12.50 → 13. */
    @Test
    void cstcRankSharesFromLevelOneRates() throws Exception {
        EvaluationModel m = model(CSTC);
        double[] totals = new double[CSTC_CITIES.size()];
        Rows rows = cstcRows(totals);
        // one city by hand: S 0.9, M 0.6, A 0.75 weigh 0.8/3 each, R 0.4 and T 0.5 weigh 0.1 each
        // 0.8/3 × 2.25 + 0.1 × 0.9 = 0.60 + 0.09 = 0.69
        String hand = CSTC_CITIES.get(5);
        rows.replace(hand, 0.9, 0.6, 0.75, 0.4, 0.5);
        totals[5] = 0.69;
        EvaluationResult r = evaluate(m, rows);

        CityResult h = city(r, hand);
        assertEquals(0.69, h.score());
        assertEquals(0.24, h.scores().get("service_completeness"), 1e-9, "a rate of 0.9 of 0.8/3");
        assertEquals(0.04, h.scores().get("resource_readiness"), 1e-9, "a rate of 0.4 of 0.1");
        assertEquals(1, r.model().basisLevel());

        // ranks: all 25 totals differ, so rank = position when sorted
        List<String> expected = byTotal(totals);
        assertEquals(expected, adcodes(r));
        for (int i = 0; i < r.cities().size(); i++) {
            assertEquals(totals[CSTC_CITIES.indexOf(r.cities().get(i).adcode())], r.cities().get(i).score());
            assertEquals(i + 1, r.cities().get(i).rank());
        }
        assertEquals(10, h.rank(), "0.69 sits between 0.71 and 0.68");

        // 4 领军, then up to 13: 9 先锋, then 12 探索
        for (int i = 0; i < 25; i++) {
            String want = i < 4 ? "领军" : i < 13 ? "先锋" : "探索";
            assertEquals(want, r.cities().get(i).tier(), "position " + (i + 1));
        }
        assertEquals("先锋", h.tier());
        assertEquals(Map.of("领军", 4, "先锋", 9, "探索", 12), tierCounts(r));
        assertEquals(List.of("top 16%", "next 34%", "rest"), r.tiers().stream().map(TierCount::rule).toList());

        String note = warning(r, "rank-shares over");
        assertTrue(note.contains("rank-shares over 25 ranked cities (rounding: round, ties: upper)"), note);
        assertTrue(note.contains("top 16% = 4.00 → 4 cities"), note);
        assertTrue(note.contains("to 50% = 12.50 → 13 (9 cities)"), note);
        assertTrue(note.contains("the remaining 12"), note);
        assertFalse(r.warnings().stream().anyMatch(w -> w.startsWith("tie at")), () -> r.warnings().toString());
        assertEquals(List.of("service_completeness", "management_maturity", "application_platform_maturity"),
                r.model().assumedWeights());
    }

    /** Positions 4 and 5 tie: ties never split, and with ties: upper both go to 领军 (5), leaving 先锋 8. */
    @Test
    void cstcTieAcrossTheLeadingBoundaryGoesUp() throws Exception {
        EvaluationModel m = model(CSTC);
        double[] totals = new double[CSTC_CITIES.size()];
        Rows rows = cstcRows(totals);
        String fourth = CSTC_CITIES.get(3);
        String fifth = CSTC_CITIES.get(4);
        rows.replace(fifth, 0.89, 0.89, 0.89, 0.89, 0.89); // same as the fourth
        EvaluationResult r = evaluate(m, rows);

        assertEquals(0.89, city(r, fourth).score());
        assertEquals(0.89, city(r, fifth).score());
        assertEquals(4, city(r, fourth).rank());
        assertEquals(4, city(r, fifth).rank(), "ties share a rank");
        assertEquals(6, r.cities().get(5).rank());
        assertEquals("领军", city(r, fourth).tier());
        assertEquals("领军", city(r, fifth).tier());
        assertEquals(Map.of("领军", 5, "先锋", 8, "探索", 12), tierCounts(r));
        assertEquals("先锋", r.cities().get(5).tier());
        assertEquals("先锋", r.cities().get(12).tier());
        assertEquals("探索", r.cities().get(13).tier());

        String tie = warning(r, "tie at");
        assertEquals("tie at 0.89 across the 领军城市/先锋城市 boundary (positions 4–5): both placed in 领军城市 "
                + "(ties: upper), so 领军城市 has 5 and 先锋城市 8", tie);
    }

    /** Seven regions ranked by the mean of their cities, in tiers of 1, 2, 2 and the remaining 2. */
    @Test
    void psftRegionTiersFollowTheData() throws Exception {
        EvaluationModel m = model(PSFT);
        // the data put 华北 first, unlike the report's 2019 order: the tiers must follow the data
        Rows rows = new Rows(PSFT_DOMAINS)
                .add("110000", 16, 16, 16, 16, 16) // 北京 华北 80
                .add("310000", 16, 15, 15, 15, 15) // 上海 华东 76
                .add("440100", 15, 15, 14, 14, 14) // 广州 华南 72
                .add("330100", 14, 14, 14, 14, 14) // 杭州 华东 70 → 华东 mean 73
                .add("420100", 13, 13, 13, 13, 12) // 武汉 华中 64
                .add("510100", 12, 12, 12, 12, 12) // 成都 西南 60
                .add("610100", 11, 11, 11, 11, 11) // 西安 西北 55
                .add("210100", 10, 10, 10, 10, 10); // 沈阳 东北 50
        EvaluationResult r = evaluate(m, rows);

        assertEquals(List.of(80.0, 76.0, 72.0, 70.0, 64.0, 60.0, 55.0, 50.0),
                r.cities().stream().map(CityResult::score).toList());
        assertTrue(r.tiers().isEmpty(), "no tiers of cities");
        List<GroupResult> regions = r.groups().get("region");
        assertEquals(List.of("华北", "华东", "华南", "华中", "西南", "西北", "东北"),
                regions.stream().map(GroupResult::name).toList());
        assertEquals(List.of(80.0, 73.0, 72.0, 64.0, 60.0, 55.0, 50.0),
                regions.stream().map(GroupResult::mean).toList());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), regions.stream().map(GroupResult::rank).toList());
        assertEquals(List.of(1, 2, 1, 1, 1, 1, 1), regions.stream().map(GroupResult::count).toList());
        assertEquals(List.of("310000", "330100"), regions.get(1).members(), "members best first");
        assertEquals(List.of("第一梯队", "第二梯队", "第二梯队", "第三梯队", "第三梯队", "第四梯队", "第四梯队"),
                regions.stream().map(GroupResult::tier).toList());
        String note = warning(r, "region: ");
        assertTrue(note.startsWith("region: rank-shares over 7 ranked regions (rounding: round, ties: upper)"), note);
        assertEquals(PSFT_DOMAINS, r.model().assumedWeights());
    }

    /** The report published ranks only: nothing is recomputed, and the result says so. */
    @Test
    void ccidRanksOnlyReference() throws Exception {
        ModelCatalog catalog = runtime.service(ModelCatalog.class);
        URL ref = catalog.reference(CCID).orElseThrow();
        CityDataset data;
        try (InputStream in = ref.openStream()) {
            data = runtime.service(DatasetReader.class).read("ccid-digital-city-2020-top100.csv", in);
        }
        EvaluationResult r = runtime.service(Evaluator.class).evaluate(model(CCID), data);

        assertEquals(100, r.cities().size());
        assertEquals(-1, r.model().basisLevel());
        assertTrue(r.model().assumedWeights().isEmpty());
        Map<String, String[]> printed = printedRows(ref);
        assertEquals(100, printed.size());
        for (CityResult c : r.cities()) {
            assertNull(c.score(), c.name());
            assertTrue(c.scores().isEmpty(), c.name());
            String[] row = printed.get(c.adcode());
            assertNotNull(row, c.adcode());
            assertEquals(Integer.parseInt(row[0]), c.rank(), c.name());
            assertEquals(row[4], c.tier(), c.name());
        }
        assertEquals(List.of("440300", "310000", "110000", "440100", "330100"), adcodes(r).subList(0, 5));
        assertEquals(List.of(5, 33, 62, 0), r.tiers().stream().map(TierCount::count).toList());
        assertEquals(List.of("生态创新", "能力协同", "单元数字化", "榜外"), r.tiers().stream().map(TierCount::id).toList());

        assertEquals(1, r.checks().size());
        ReferenceCheck order = r.checks().get(0);
        assertEquals("tier order", order.what());
        assertEquals(100, order.compared());
        assertTrue(order.passed(), () -> order.mismatches().toString());

        // "Jiangsu, Guangdong and Shandong hold 36% of the top 100"
        List<GroupResult> provinces = r.groups().get("province");
        assertEquals(List.of("江苏省", "广东省", "山东省"), provinces.subList(0, 3).stream().map(GroupResult::name).toList());
        assertEquals(List.of(13, 12, 11), provinces.subList(0, 3).stream().map(GroupResult::count).toList());
        assertEquals(36, provinces.subList(0, 3).stream().mapToInt(GroupResult::count).sum());
        assertEquals(100, provinces.stream().mapToInt(GroupResult::count).sum());
        assertTrue(provinces.stream().allMatch(g -> g.mean() == null), "no scores, so no means");
        assertTrue(r.statistics().isEmpty());

        String first = r.warnings().get(0);
        assertTrue(first.contains("no indicator scores"), first);
        assertTrue(first.contains("not recomputed"), first);
        assertTrue(first.contains("cannot be reproduced"), first);
    }

    @Test
    void nationalMaturityStagesOnTotals() throws Exception {
        Optional<LoadedModel> loaded = runtime.service(ModelCatalog.class).find(NATIONAL);
        Assumptions.assumeTrue(loaded.isPresent(), NATIONAL + " is not in this distribution yet");
        EvaluationModel m = loaded.get().model();
        // the total as the data's 'total' column: tiers only, whatever the model's level-1 scoring rules
        Rows rows = new Rows(List.of(EvaluationModel.ROOT_ID))
                .add("440300", 85).add("310000", 84.9).add("110000", 70).add("440100", 69.9)
                .add("330100", 55).add("441900", 54.9);
        EvaluationResult r = evaluate(m, rows);
        String mature = tierNamed(m, "成熟期");
        String growth = tierNamed(m, "成长期");
        String startUp = tierNamed(m, "起步期");
        String preparation = tierNamed(m, "准备期");
        assertEquals(List.of(mature, growth, growth, startUp, startUp, preparation),
                r.cities().stream().map(CityResult::tier).toList());
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** 25 real cities for CSTC (the first 25 of CCID's top 100). */
    static final List<String> CSTC_CITIES = List.of("440300", "310000", "110000", "440100", "330100", "441900",
            "370200", "500000", "320100", "120000", "420100", "320500", "610100", "440600", "370100", "350100",
            "210100", "320200", "330200", "350200", "510100", "210200", "410100", "520100", "441300");

    /** City i rates 0.98 − 0.03 i on every factor, so its total is that rate: 0.98, 0.95, …, 0.26. */
    private static Rows cstcRows(double[] totals) {
        Rows rows = new Rows(CSTC_FACTORS);
        for (int i = 0; i < CSTC_CITIES.size(); i++) {
            double rate = (98 - 3 * i) / 100.0;
            totals[i] = rate;
            rows.add(CSTC_CITIES.get(i), rate, rate, rate, rate, rate);
        }
        return rows;
    }

    private static List<String> byTotal(double[] totals) {
        Integer[] idx = new Integer[totals.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble(i -> -totals[i]));
        return Arrays.stream(idx).map(CSTC_CITIES::get).toList();
    }

    /** A dataset built in code, with real cities from the registry service. */
    static final class Rows {
        private final List<String> columns;
        private final Map<String, double[]> values = new LinkedHashMap<>();

        Rows(List<String> columns) {
            this.columns = columns;
        }

        Rows add(String adcode, double... v) {
            if (v.length != columns.size()) {
                throw new IllegalArgumentException(adcode + ": " + v.length + " values for " + columns);
            }
            values.put(adcode, v);
            return this;
        }

        Rows replace(String adcode, double... v) {
            if (!values.containsKey(adcode)) {
                throw new IllegalArgumentException(adcode + " not in the rows");
            }
            return add(adcode, v);
        }

        CityDataset dataset(CityRegistry registry) {
            List<CityRecord> records = new ArrayList<>();
            long row = 2;
            for (Map.Entry<String, double[]> e : values.entrySet()) {
                City city = registry.byAdcode(e.getKey())
                        .orElseThrow(() -> new AssertionError("no city " + e.getKey() + " in the registry"));
                Map<String, Double> v = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    v.put(columns.get(i), e.getValue()[i]);
                }
                records.add(new CityRecord(city, row++, v, Map.of()));
            }
            return new CityDataset("hand-made", columns, records);
        }
    }

    private static EvaluationResult evaluate(EvaluationModel m, Rows rows) throws Exception {
        CityDataset data = rows.dataset(runtime.service(CityRegistry.class));
        return runtime.service(Evaluator.class).evaluate(m, data);
    }

    /** The loaded model, waiting a little in case a rule service it names is still starting. */
    private static EvaluationModel model(String id) throws Exception {
        ModelCatalog catalog = runtime.service(ModelCatalog.class);
        Waits.until(() -> id + " to load (" + catalog.failures() + ")", () -> catalog.find(id).isPresent());
        return catalog.find(id).orElseThrow(() -> new AssertionError(id + " not loaded: " + catalog.failures()))
                .model();
    }

    private static ModelOverview overview(String id) throws Exception {
        return runtime.service(ModelCatalog.class).overview().models().stream().filter(o -> o.id().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError(id + " not in the overview"));
    }

    static Map<String, Integer> provenance(int published, int derived, int inferred, int assumed) {
        return Map.of("published", published, "derived", derived, "inferred", inferred, "assumed", assumed);
    }

    static void assertWeightsAddUp(Indicator node) {
        if (node.leaf()) {
            return;
        }
        double sum = node.children().stream().mapToDouble(c -> c.weight().value()).sum();
        assertEquals(node.weight().value(), sum, 1e-9, "children of " + node.id());
        node.children().forEach(SeedModelsTest::assertWeightsAddUp);
    }

    static Indicator node(Indicator from, String id) {
        Indicator found = nodeOrNull(from, id);
        if (found == null) {
            throw new AssertionError("no indicator " + id);
        }
        return found;
    }

    private static Indicator nodeOrNull(Indicator from, String id) {
        if (from.id().equals(id)) {
            return from;
        }
        for (Indicator c : from.children()) {
            Indicator found = nodeOrNull(c, id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static List<String> ids(List<Indicator> nodes) {
        return nodes.stream().map(Indicator::id).toList();
    }

    private static List<String> adcodes(EvaluationResult r) {
        return r.cities().stream().map(CityResult::adcode).toList();
    }

    private static CityResult city(EvaluationResult r, String adcode) {
        return r.cities().stream().filter(c -> c.adcode().equals(adcode)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + adcode));
    }

    private static Map<String, Integer> tierCounts(EvaluationResult r) {
        return r.tiers().stream().collect(Collectors.toMap(TierCount::id, TierCount::count));
    }

    /** The one warning that starts with this text. */
    private static String warning(EvaluationResult r, String start) {
        List<String> found = r.warnings().stream().filter(w -> w.startsWith(start)).toList();
        assertEquals(1, found.size(), () -> "warnings starting with '" + start + "': " + r.warnings());
        return found.get(0);
    }

    private static String tierNamed(EvaluationModel m, String text) {
        for (Tier t : m.tiers().tiers()) {
            if (t.id().contains(text) || (t.name() != null && t.name().zh() != null && t.name().zh().contains(text))) {
                return t.id();
            }
        }
        throw new AssertionError("no tier named " + text + " in " + m.tiers().tiers());
    }

    /** The reference CSV read directly (rank,city,province,adcode,tier), by adcode. */
    private static Map<String, String[]> printedRows(URL ref) throws Exception {
        Map<String, String[]> out = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(ref.openStream(), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            assertEquals("rank,city,province,adcode,tier", header);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    String[] cells = line.split(",", -1);
                    out.put(cells[3], cells);
                }
            }
        }
        return out;
    }
}

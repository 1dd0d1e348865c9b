package org.cityeval.coinr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.ModelFormat;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.api.spi.TierRule;
import org.cityeval.engine.internal.EvaluationEngine;
import org.cityeval.engine.internal.MinMaxScoring;
import org.cityeval.engine.internal.RuleLookup;
import org.cityeval.engine.internal.WeightedSumAggregation;
import org.cityeval.extender.internal.DescriptorParser;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * COINr's ASEM example (51 countries, 49 indicators, 4 levels) through the format: the descriptor it makes,
 * the units, the index computed by the engine against an independent implementation of COINr's default
 * formula, the round trip through {@code write}, and the errors.
 */
class CoinrFormatTest {
    private static final String META = "asem_iMeta.csv";
    private static final String DATA = "asem_iData.csv";

    /**
     * COINr's default index (min-max onto [0, 100], weighted arithmetic means renormalised over the children
     * with data), computed by {@link #coinrDefault} below and cross-checked by an independent Python script
     * (csv module, the same formula, flipping by Direction before min-max as COINr does), which agreed to the
     * last digit printed.
     */
    private static final Map<String, Double> INDEX = Map.of(
            "AUT", 56.8730977753022, // complete data
            "DEU", 75.2278046542818, // complete data
            "CHN", 53.83900732306746, // NEET missing
            "BRN", 31.705370996580136, // 10 indicators missing
            "LAO", 37.530124552726356); // 8 indicators and a denominator missing
    /** China's two level-1 aggregates (COINr scores 0..100); Sust lacks NEET. */
    private static final double CHN_CONN = 58.163716242902694;
    private static final double CHN_SUST = 49.51429840323223;

    private static final Set<String> NEGATIVE = Set.of("CostImpEx", "Tariff", "TBTs", "PrimEner", "CO2", "MatCon",
            "Forest", "Poverty", "Palma", "FreePress", "TolMin", "PubDebt", "PrivDebt", "NEET");

    private final CoinrFormat format = new CoinrFormat();

    // ---------------------------------------------------------------- helpers

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CoinrFormatTest.class.getResourceAsStream("/coinr-asem/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    private ModelFormat.Imported asem() throws Exception {
        return format.read(Map.of(CoinrFormat.IMETA, resource(META), CoinrFormat.IDATA, resource(DATA)),
                Map.of(CoinrFormat.IMETA, META, CoinrFormat.IDATA, DATA));
    }

    private static EvaluationModel parse(byte[] descriptor) throws Exception {
        return DescriptorParser.parse(descriptor, (kind, name) -> true);
    }

    private ModelFormat.Imported read(String meta, String data) throws BadInputException {
        return format.read(Map.of(CoinrFormat.IMETA, meta.getBytes(StandardCharsets.UTF_8), CoinrFormat.IDATA,
                data.getBytes(StandardCharsets.UTF_8)), Map.of(CoinrFormat.IMETA, "m.csv", CoinrFormat.IDATA, "d.csv"));
    }

    private static Map<String, Indicator> byId(Indicator root) {
        Map<String, Indicator> out = new LinkedHashMap<>();
        collect(root, out);
        return out;
    }

    private static void collect(Indicator n, Map<String, Indicator> out) {
        for (Indicator c : n.children()) {
            out.put(c.id(), c);
            collect(c, out);
        }
    }

    private static Map<String, String> parents(Indicator root) {
        Map<String, String> out = new LinkedHashMap<>();
        parents(root, out);
        return out;
    }

    private static void parents(Indicator n, Map<String, String> out) {
        for (Indicator c : n.children()) {
            out.put(c.id(), n.id());
            parents(c, out);
        }
    }

    /** Each node's weight as a share of its siblings' (what COINr's weights mean). */
    private static Map<String, Double> relativeWeights(Indicator root) {
        Map<String, Double> out = new LinkedHashMap<>();
        relative(root, out);
        return out;
    }

    private static void relative(Indicator n, Map<String, Double> out) {
        double sum = n.children().stream().mapToDouble(c -> c.weight().value()).sum();
        for (Indicator c : n.children()) {
            out.put(c.id(), c.weight().value() / sum);
            relative(c, out);
        }
    }

    private static CityRecord unit(CityDataset data, String uCode) {
        return data.records().stream().filter(r -> r.city().adcode().equals(uCode)).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- the descriptor

    @Test
    void descriptorOfAsemParses() throws Exception {
        EvaluationModel m = parse(asem().descriptor());
        assertEquals("coinr-index", m.id());
        assertEquals("Sustainable Connectivity", m.title().en());
        assertEquals("COINr import", m.institution().en());
        assertEquals(2018, m.year());
        assertEquals("points", m.scale().kind());
        assertEquals(100, m.scale().max());
        assertEquals(2, m.scale().precision());
        assertEquals("renormalise", m.missing().method());
        assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("COINr index: iCode 'Index', iName "
                + "'Sustainable Connectivity', Level 4")), m.notes().toString());
        assertTrue(m.notes().contains("iMeta rows that are not indicators: Group: GDP_group, GDPpc_group, Pop_group, "
                + "EurAsia_group; Denominator: Area, Energy, GDP, Population."), m.notes().toString());
        assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("Denominators are not applied")));
        assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("Targets in iMeta are not used")));
        assertFalse(m.notes().stream().anyMatch(n -> n.contains("not usable as a cityeval indicator id")));
    }

    @Test
    void modelIdFromSources() throws Exception {
        ModelFormat.Imported imported = format.read(
                Map.of(CoinrFormat.IMETA, resource(META), CoinrFormat.IDATA, resource(DATA)),
                Map.of(CoinrFormat.MODEL_ID, "asem-2018"));
        assertEquals("asem-2018", parse(imported.descriptor()).id());
        BadInputException e = assertThrows(BadInputException.class, () -> format.read(
                Map.of(CoinrFormat.IMETA, resource(META), CoinrFormat.IDATA, resource(DATA)),
                Map.of(CoinrFormat.MODEL_ID, "ASEM 2018")));
        assertEquals(CoinrFormat.MODEL_ID, e.source());
    }

    @Test
    void treeShape() throws Exception {
        Indicator root = parse(asem().descriptor()).root();
        assertEquals(List.of("Conn", "Sust"), root.children().stream().map(Indicator::id).toList());
        Map<String, Indicator> all = byId(root);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Indicator pillar : root.children()) {
            assertEquals(1, pillar.level());
            for (Indicator sub : pillar.children()) {
                assertEquals(2, sub.level());
                sizes.put(sub.id(), sub.children().size());
                for (Indicator leaf : sub.children()) {
                    assertEquals(3, leaf.level());
                    assertTrue(leaf.leaf(), leaf.id());
                    assertEquals("min-max", leaf.scoring().rule());
                    assertTrue(leaf.scoring().parameters().isEmpty(), "observed min and max");
                }
                assertEquals("weighted-sum", sub.aggregation().rule());
            }
        }
        assertEquals(Map.of("Physical", 8, "ConEcFin", 5, "Political", 3, "Instit", 6, "P2P", 8, "Environ", 5,
                "Social", 9, "SusEcFin", 5), sizes);
        assertEquals(List.of("Physical", "ConEcFin", "Political", "Instit", "P2P"),
                all.get("Conn").children().stream().map(Indicator::id).toList());
        assertEquals(List.of("Environ", "Social", "SusEcFin"),
                all.get("Sust").children().stream().map(Indicator::id).toList());
        assertEquals(49, all.values().stream().filter(Indicator::leaf).count());
        assertEquals(59, all.size());
        assertEquals("Logistics Performance Index", all.get("LPI").name().en());
        assertEquals("Score 1-5", all.get("LPI").unit());
        assertFalse(all.containsKey("GDP_group") || all.containsKey("Population") || all.containsKey("Index"));
    }

    @Test
    void weightsAreRelativeWithinEachGroupAndAddUp() throws Exception {
        Indicator root = parse(asem().descriptor()).root();
        Map<String, Indicator> all = byId(root);
        assertEquals(50, all.get("Conn").weight().value(), 1e-12);
        assertEquals(50, all.get("Sust").weight().value(), 1e-12);
        assertEquals(10, all.get("Physical").weight().value(), 1e-12);
        assertEquals(50.0 / 3, all.get("Social").weight().value(), 1e-12);
        assertEquals(1.25, all.get("LPI").weight().value(), 1e-12);
        assertEquals(10.0 / 3, all.get("Embs").weight().value(), 1e-12);
        assertEquals(50.0 / 3 / 9, all.get("CPI").weight().value(), 1e-12);
        checkSums(root);
        for (Indicator n : all.values()) {
            assertEquals(Provenance.PUBLISHED, n.weight().provenance(), n.id());
            assertEquals("COINr iMeta weight 1", n.weight().note(), n.id());
        }
    }

    private static void checkSums(Indicator n) {
        if (n.leaf()) {
            return;
        }
        double sum = n.children().stream().mapToDouble(c -> c.weight().value()).sum();
        assertEquals(n.weight().value(), sum, 1e-9, n.id());
        n.children().forEach(CoinrFormatTest::checkSums);
    }

    @Test
    void unequalWeightsBecomeShares() throws Exception {
        EvaluationModel m = parse(read(SMALL_META, SMALL_DATA).descriptor());
        Map<String, Indicator> all = byId(m.root());
        assertEquals(25, all.get("A").weight().value(), 1e-12); // 1 of 1 + 3
        assertEquals(75, all.get("B").weight().value(), 1e-12);
        assertEquals(25.0 / 3, all.get("x1").weight().value(), 1e-12); // 1 of 1 + 2
        assertEquals(50.0 / 3, all.get("x2").weight().value(), 1e-12);
        assertEquals("COINr iMeta weight 2", all.get("x2").weight().note());
        assertEquals(75, all.get("y1").weight().value(), 1e-12);
    }

    @Test
    void directions() throws Exception {
        Map<String, Indicator> all = byId(parse(asem().descriptor()).root());
        Set<String> negative = new TreeSet<>();
        all.values().stream().filter(i -> i.direction() == Direction.NEGATIVE).forEach(i -> negative.add(i.id()));
        assertEquals(new TreeSet<>(NEGATIVE), negative);
    }

    // ---------------------------------------------------------------- the units

    @Test
    void unitsAreCoinrUnits() throws Exception {
        ModelFormat.Imported imported = asem();
        CityDataset data = imported.data();
        assertEquals(DATA, data.source());
        assertEquals(51, data.records().size());
        EvaluationModel m = parse(imported.descriptor());
        List<String> leaves = byId(m.root()).values().stream().filter(Indicator::leaf).map(Indicator::id).toList();
        assertEquals(leaves, data.valueColumns()); // iData's order is the tree's here
        CityRecord aut = data.records().get(0);
        assertEquals("AUT", aut.city().adcode());
        assertEquals("Austria", aut.city().name());
        assertEquals("AUT", aut.city().shortName());
        assertNull(aut.city().province());
        assertNull(aut.city().provinceAdcode());
        assertNull(aut.city().level());
        assertFalse(aut.city().provincialCapital());
        assertEquals(2, aut.row());
        assertEquals(2018, aut.year());
        assertEquals(49, aut.values().size());
        assertEquals(4.097985, aut.values().get("LPI"));
        assertEquals(6.5, aut.values().get("NEET"));
        assertEquals(Map.of("GDP_group", "L", "GDPpc_group", "XL", "Pop_group", "M", "EurAsia_group", "Europe"),
                aut.attributes());
        assertFalse(aut.values().containsKey("Population") || aut.attributes().containsKey("Population"));
        CityRecord chn = unit(data, "CHN");
        assertEquals(48, chn.values().size());
        assertFalse(chn.values().containsKey("NEET"));
        assertEquals(39, unit(data, "BRN").values().size());
    }

    // ---------------------------------------------------------------- the index, two ways

    @Test
    void coinrDefaultIndexIndependently() throws Exception {
        Map<String, Map<String, Double>> scores = coinrDefault(resource(META), resource(DATA));
        INDEX.forEach((u, v) -> assertEquals(v, scores.get(u).get("Index"), 1e-9, u));
        assertEquals(CHN_CONN, scores.get("CHN").get("Conn"), 1e-9);
        assertEquals(CHN_SUST, scores.get("CHN").get("Sust"), 1e-9);
    }

    @Test
    void engineComputesCoinrIndexForCompleteUnits() throws Exception {
        compareEngine(List.of("AUT", "DEU"));
    }

    @Test
    void engineComputesCoinrIndexWithMissingData() throws Exception {
        compareEngine(List.of("CHN", "BRN", "LAO"));
        CityResult chn = engine().get("CHN");
        // the level-1 aggregates: points of 50, i.e. COINr's score ÷ 2
        assertEquals(CHN_CONN, chn.scores().get("Conn") * 2, 2e-6);
        assertEquals(CHN_SUST, chn.scores().get("Sust") * 2, 2e-6);
    }

    @Test
    void engineAgreesWithTheIndependentFormulaForEveryUnit() throws Exception {
        Map<String, Map<String, Double>> expected = coinrDefault(resource(META), resource(DATA));
        Map<String, CityResult> results = engine();
        assertEquals(51, results.size());
        expected.forEach((u, s) -> {
            CityResult r = results.get(u);
            assertNotNull(r.score(), u);
            // the engine reports node scores at the model's precision + 4 decimals (here 6)
            assertEquals(s.get("Index"), r.scores().get(EvaluationModel.ROOT_ID), 1e-6, u);
            assertEquals(s.get("Index"), r.score(), 0.005 + 1e-9, u); // the total at the model's precision, 2
        });
    }

    private void compareEngine(List<String> units) throws Exception {
        Map<String, CityResult> results = engine();
        for (String u : units) {
            // the engine reports node scores at the model's precision + 4 decimals (here 6)
            assertEquals(INDEX.get(u), results.get(u).scores().get(EvaluationModel.ROOT_ID), 1e-6, u);
        }
    }

    private Map<String, CityResult> engine() throws Exception {
        ModelFormat.Imported imported = asem();
        EvaluationResult result = new EvaluationEngine(new BuiltInRules()).evaluate(parse(imported.descriptor()),
                imported.data());
        Map<String, CityResult> out = new HashMap<>();
        result.cities().forEach(c -> out.put(c.adcode(), c));
        return out;
    }

    /** The two built-in rules the imported model names (as the engine's test fixtures look rules up). */
    private static final class BuiltInRules implements RuleLookup {
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

    /**
     * COINr's default build straight from the two CSV files, sharing no code with the format: each indicator
     * min-max normalised onto [0, 100] over all units, x' = (x − min)/(max − min) × 100, or (max − x)/(max −
     * min) × 100 for Direction −1; at every aggregate the weighted arithmetic mean of the children that have
     * a score, with the weights renormalised over them.
     *
     * @return by uCode: every iCode's score
     */
    static Map<String, Map<String, Double>> coinrDefault(byte[] metaCsv, byte[] dataCsv) throws IOException {
        List<Map<String, String>> meta = rows(metaCsv);
        List<Map<String, String>> data = rows(dataCsv);
        Map<String, List<Map<String, String>>> children = new HashMap<>();
        List<Map<String, String>> indicators = new ArrayList<>();
        Map<String, String> index = null;
        for (Map<String, String> r : meta) {
            String type = r.get("Type");
            if (type.equals("Indicator")) {
                indicators.add(r);
            }
            if (type.equals("Indicator") || type.equals("Aggregate")) {
                if (r.get("Parent").equals("NA")) {
                    if (index == null || Integer.parseInt(r.get("Level")) > Integer.parseInt(index.get("Level"))) {
                        index = r;
                    }
                } else {
                    children.computeIfAbsent(r.get("Parent"), k -> new ArrayList<>()).add(r);
                }
            }
        }
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Map<String, String> u : data) {
            out.put(u.get("uCode"), new HashMap<>());
        }
        for (Map<String, String> ind : indicators) {
            String code = ind.get("iCode");
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Map<String, String> u : data) {
                double x = value(u.get(code));
                if (!Double.isNaN(x)) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
            boolean negative = Integer.parseInt(ind.get("Direction")) == -1;
            for (Map<String, String> u : data) {
                double x = value(u.get(code));
                double n = negative ? (max - x) / (max - min) * 100 : (x - min) / (max - min) * 100;
                out.get(u.get("uCode")).put(code, n);
            }
        }
        for (Map<String, String> u : data) {
            aggregate(index, children, out.get(u.get("uCode")));
        }
        return out;
    }

    private static double aggregate(Map<String, String> node, Map<String, List<Map<String, String>>> children,
            Map<String, Double> scores) {
        String code = node.get("iCode");
        if (node.get("Type").equals("Indicator")) {
            return scores.get(code);
        }
        double sum = 0;
        double weights = 0;
        for (Map<String, String> c : children.get(code)) {
            double s = aggregate(c, children, scores);
            if (!Double.isNaN(s)) {
                double w = Double.parseDouble(c.get("Weight"));
                sum += w * s;
                weights += w;
            }
        }
        double s = weights > 0 ? sum / weights : Double.NaN;
        scores.put(code, s);
        return s;
    }

    private static double value(String cell) {
        return cell == null || cell.isEmpty() || cell.equals("NA") ? Double.NaN : Double.parseDouble(cell);
    }

    private static List<Map<String, String>> rows(byte[] csv) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        try (MappingIterator<String[]> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(String[].class).readValues(csv)) {
            String[] header = it.next();
            while (it.hasNext()) {
                String[] r = it.next();
                Map<String, String> m = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    m.put(header[i], r[i]);
                }
                out.add(m);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- writing

    @Test
    void roundTrip() throws Exception {
        ModelFormat.Imported first = asem();
        EvaluationModel m1 = parse(first.descriptor());
        Map<String, byte[]> files = format.write(m1, first.data());
        assertEquals(Set.of("iMeta.csv", "iData.csv"), files.keySet());
        String iMeta = new String(files.get("iMeta.csv"), StandardCharsets.UTF_8);
        assertTrue(iMeta.startsWith("\"Level\",\"iCode\",\"iName\",\"Direction\",\"Weight\",\"Unit\",\"Parent\",\"Type\"\n"
                + "1,\"LPI\",\"Logistics Performance Index\",1,1.25,\"Score 1-5\",\"Physical\",\"Indicator\"\n"), iMeta);
        assertTrue(iMeta.contains("\n1,\"CostImpEx\",\"Cost to export/import\",-1,1.6666666666666667,\"Current USD\","
                + "\"Instit\",\"Indicator\"\n"), iMeta);
        assertTrue(iMeta.endsWith("\n4,\"Index\",\"Sustainable Connectivity\",1,100,NA,NA,\"Aggregate\"\n"), iMeta);
        String iData = new String(files.get("iData.csv"), StandardCharsets.UTF_8);
        assertTrue(iData.startsWith("\"uCode\",\"uName\",\"Time\",\"LPI\",\"Flights\","), iData);
        assertTrue(iData.contains("\n\"CHN\",\"China\",2018,"), iData);
        assertTrue(iData.contains(",NA\n"), "CHN's NEET");

        ModelFormat.Imported second = format.read(files, Map.of());
        EvaluationModel m2 = parse(second.descriptor());
        assertEquals(m1.id(), m2.id());
        assertEquals(m1.title(), m2.title());
        assertEquals(m1.year(), m2.year());
        assertEquals(parents(m1.root()), parents(m2.root()));
        Map<String, Double> r1 = relativeWeights(m1.root());
        Map<String, Double> r2 = relativeWeights(m2.root());
        assertEquals(r1.keySet(), r2.keySet());
        r1.forEach((id, w) -> assertEquals(w, r2.get(id), 1e-12, id));
        Map<String, Indicator> a1 = byId(m1.root());
        Map<String, Indicator> a2 = byId(m2.root());
        a1.forEach((id, n) -> {
            Indicator n2 = a2.get(id);
            assertEquals(n.weight().value(), n2.weight().value(), 1e-9, id);
            assertEquals(n.direction(), n2.direction(), id);
            assertEquals(n.name(), n2.name(), id);
            assertEquals(n.unit(), n2.unit(), id);
            assertEquals(n.level(), n2.level(), id);
        });
        assertEquals(first.data().valueColumns(), second.data().valueColumns());
        assertEquals(first.data().records().size(), second.data().records().size());
        for (int i = 0; i < first.data().records().size(); i++) {
            CityRecord x = first.data().records().get(i);
            CityRecord y = second.data().records().get(i);
            assertEquals(x.city(), y.city());
            assertEquals(x.year(), y.year());
            assertEquals(x.values(), y.values(), x.city().adcode()); // exact: shortest decimals read back as is
        }
    }

    @Test
    void writePadsShallowLeavesDownToLevelOne() throws Exception {
        String meta = "Level,iCode,iName,Direction,Weight,Parent,Type\n"
                + "1,a1,A1,1,1,A,Indicator\n"
                + "1,a2,A2,1,1,A,Indicator\n"
                + "2,A,A,1,1,Idx,Aggregate\n"
                + "3,Idx,Idx,1,1,NA,Aggregate\n";
        String data = "uCode,a1,a2\nU1,1,2\nU2,3,4\n";
        EvaluationModel deep = parse(read(meta, data).descriptor());
        // a tree with a leaf b at level 1 beside A's leaves at level 2
        Indicator root = deep.root();
        Indicator a = root.children().get(0);
        Indicator b = new Indicator("b", new org.cityeval.api.model.LocalizedText(null, "B"), 1,
                new org.cityeval.api.model.Weight(40, Provenance.ASSUMED, null), Direction.NEGATIVE, "kg",
                a.children().get(0).scoring(), null, null, List.of());
        Indicator a60 = new Indicator(a.id(), a.name(), 1, new org.cityeval.api.model.Weight(60, Provenance.PUBLISHED,
                null), a.direction(), null, null, a.aggregation(), null, a.children());
        EvaluationModel uneven = new EvaluationModel(deep.id(), deep.title(), deep.institution(), null, deep.year(),
                deep.scale(), new Indicator(root.id(), root.name(), 0, root.weight(), root.direction(), null, null,
                        root.aggregation(), null, List.of(a60, b)),
                null, List.of(), null, deep.notes(), deep.missing());
        String iMeta = new String(format.write(uneven, null).get("iMeta.csv"), StandardCharsets.UTF_8);
        assertTrue(iMeta.contains("\n1,\"b\",\"B\",-1,40,\"kg\",\"b_L2\",\"Indicator\"\n"), iMeta);
        assertTrue(iMeta.contains("\n2,\"b_L2\",\"B\",1,40,NA,\"Idx\",\"Aggregate\"\n"), iMeta);
        assertTrue(iMeta.endsWith("\n3,\"Idx\",\"Idx\",1,100,NA,NA,\"Aggregate\"\n"), iMeta);
        // COINr reads it back: b sits below a single-child aggregate with the same share
        Map<String, byte[]> files = new HashMap<>(format.write(uneven, null));
        files.put("iData.csv", "uCode,a1,a2,b\nU1,1,2,3\nU2,3,4,5\n".getBytes(StandardCharsets.UTF_8));
        EvaluationModel back = parse(format.read(files, Map.of()).descriptor());
        Map<String, Indicator> all = byId(back.root());
        assertEquals(40, all.get("b_L2").weight().value(), 1e-12);
        assertEquals(List.of("b"), all.get("b_L2").children().stream().map(Indicator::id).toList());
    }

    // ---------------------------------------------------------------- errors

    private static final String SMALL_META = "Level,iCode,iName,Direction,Weight,Parent,Type\n"
            + "1,x1,X1,1,1,A,Indicator\n" // row 2
            + "1,x2,X2,-1,2,A,Indicator\n" // row 3
            + "1,y1,Y1,1,1,B,Indicator\n" // row 4
            + "2,A,Alpha,1,1,Idx,Aggregate\n" // row 5
            + "2,B,Beta,1,3,Idx,Aggregate\n" // row 6
            + "3,Idx,My index,1,1,NA,Aggregate\n" // row 7
            + "NA,grp,Group,NA,NA,NA,Group\n"; // row 8
    private static final String SMALL_DATA = "uCode,uName,grp,x1,x2,y1\n"
            + "U1,Unit one,a,1,10,5\n"
            + "U2,Unit two,b,2,NA,7\n"
            + "U3,Unit three,a,4,30,\n";

    private BadInputException fails(String meta, String data) {
        return assertThrows(BadInputException.class, () -> read(meta, data));
    }

    @Test
    void smallModelReads() throws Exception {
        ModelFormat.Imported imported = read(SMALL_META, SMALL_DATA);
        EvaluationModel m = parse(imported.descriptor());
        assertEquals("coinr-idx", m.id());
        assertEquals("My index", m.title().en());
        assertTrue(m.notes().stream().anyMatch(n -> n.contains("no Time column")), m.notes().toString());
        CityRecord u2 = imported.data().records().get(1);
        assertEquals(Map.of("x1", 2.0, "y1", 7.0), u2.values());
        assertEquals(Map.of("grp", "b"), u2.attributes());
        assertNull(u2.year());
        assertEquals(Map.of("x1", 4.0, "x2", 30.0), imported.data().records().get(2).values());
    }

    @Test
    void missingColumn() {
        BadInputException e = fails(SMALL_META.replace(",Weight,", ",Weights,"), SMALL_DATA);
        assertEquals("m.csv", e.source());
        assertEquals("1", e.position());
        assertTrue(e.reason().startsWith("no column 'Weight'"), e.reason());
        e = fails(SMALL_META, SMALL_DATA.replace("uCode", "code"));
        assertEquals("d.csv", e.source());
        assertEquals("1", e.position());
    }

    @Test
    void parentThatIsNoAggregate() {
        BadInputException e = fails(SMALL_META.replace("1,x1,X1,1,1,A,", "1,x1,X1,1,1,grp,"), SMALL_DATA);
        assertEquals("2:6", e.position());
        assertTrue(e.reason().contains("a row of Type Group, not an Aggregate"), e.reason());
        e = fails(SMALL_META.replace("1,x1,X1,1,1,A,", "1,x1,X1,1,1,x2,"), SMALL_DATA);
        assertEquals("2:6", e.position());
        assertTrue(e.reason().contains("is an Indicator, not an Aggregate"), e.reason());
        e = fails(SMALL_META.replace("1,x1,X1,1,1,A,", "1,x1,X1,1,1,Z,"), SMALL_DATA);
        assertEquals("2:6", e.position());
        assertTrue(e.reason().contains("not an iCode of iMeta"), e.reason());
    }

    @Test
    void cycle() {
        BadInputException e = fails(SMALL_META.replace("2,A,Alpha,1,1,Idx,", "2,A,Alpha,1,1,B,")
                .replace("2,B,Beta,1,3,Idx,", "2,B,Beta,1,3,A,"), SMALL_DATA);
        assertEquals("m.csv:5:6: a cycle of Parents: A → B → A", e.getMessage());
    }

    @Test
    void nonNumericWeight() {
        BadInputException e = fails(SMALL_META.replace("1,x2,X2,-1,2,", "1,x2,X2,-1,two,"), SMALL_DATA);
        assertEquals("3:5", e.position());
        assertTrue(e.reason().contains("Weight 'two' of 'x2' is not a number"), e.reason());
        e = fails(SMALL_META.replace("1,x2,X2,-1,2,", "1,x2,X2,-1,NA,"), SMALL_DATA);
        assertEquals("3:5", e.position());
        e = fails(SMALL_META.replace("1,x2,X2,-1,2,", "1,x2,X2,0,2,"), SMALL_DATA);
        assertEquals("3:4", e.position());
        assertTrue(e.reason().contains("Direction '0'"), e.reason());
    }

    @Test
    void levelThatContradictsTheParent() {
        BadInputException e = fails(SMALL_META.replace("2,A,Alpha", "3,A,Alpha"), SMALL_DATA);
        assertEquals("2:1", e.position());
        assertTrue(e.reason().contains("Level 1 of 'x1' contradicts its Parent 'A' at Level 3"), e.reason());
        e = fails(SMALL_META.replace("1,y1,Y1", "2,y1,Y1"), SMALL_DATA);
        assertEquals("4:1", e.position());
        assertTrue(e.reason().contains("COINr's indicators are all at Level 1"), e.reason());
    }

    @Test
    void oneIndex() {
        BadInputException e = fails(SMALL_META.replace("2,B,Beta,1,3,Idx,", "2,B,Beta,1,3,NA,"), SMALL_DATA);
        assertEquals("6:6", e.position());
        assertTrue(e.reason().contains("only the index 'Idx' (Level 3) has none"), e.reason());
    }

    @Test
    void dataErrors() {
        BadInputException e = fails(SMALL_META, SMALL_DATA.replace("U2,Unit two,b,2,", "U2,Unit two,b,two,"));
        assertEquals("d.csv:3:4: not a number: 'two' in column 'x1'", e.getMessage());
        e = fails(SMALL_META, SMALL_DATA.replace("U3,", "U1,"));
        assertEquals("4:1", e.position());
        e = fails(SMALL_META, "uCode,Time,x1,x2,y1\nU1,2019,1,2,3\nU1,2020,2,3,4\n");
        assertEquals("3:2", e.position());
        assertTrue(e.reason().contains("panel data"), e.reason());
    }

    @Test
    void idsThatCannotBeIdsAreSanitisedAndSaidSo() throws Exception {
        String meta = SMALL_META.replace(",x1,", ",total,").replace(",y1,", ",y 1,");
        String data = SMALL_DATA.replace(",x1,", ",total,").replace(",y1", ",y 1");
        ModelFormat.Imported imported = read(meta, data);
        EvaluationModel m = parse(imported.descriptor());
        Map<String, Indicator> all = byId(m.root());
        assertTrue(all.containsKey("total_") && all.containsKey("y_1"), all.keySet().toString());
        assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("COINr iCode 'total' is not usable")));
        assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("COINr iCode 'y 1' is not usable")));
        assertEquals(List.of("total_", "x2", "y_1"), imported.data().valueColumns());
        assertEquals(5.0, imported.data().records().get(0).values().get("y_1"));
    }
}

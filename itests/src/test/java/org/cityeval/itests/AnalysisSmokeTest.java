package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The comparative analysis through the distribution: the two reports' published rankings compared, checked
 * against an independent computation from the published CSVs; derived weights.
 */
class AnalysisSmokeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path work;

    @Test
    void publishedGuomaiAndCcidRankingsAreComparedOnTheirCommonCities() throws Exception {
        Dist.Run run = Dist.cityeval(work, "compare", "--published", "guomai-psdf-2024,ccid-digital-city-2020",
                "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode c = JSON.readTree(run.out());

        // independently: the cities both published tables rank, re-ranked among themselves, Spearman on average ranks
        Map<String, Integer> psdf = ranks("bundles/org.cityeval.model.guomai.psdf2024/src/main/resources/OSGI-INF/"
                + "cityeval/reference/guomai-psdf-2024-table1.csv");
        Map<String, Integer> ccid = ranks("bundles/org.cityeval.model.ccid.digitalcity2020/src/main/resources/"
                + "OSGI-INF/cityeval/reference/ccid-digital-city-2020-top100.csv");
        List<String> common = new ArrayList<>(psdf.keySet());
        common.retainAll(ccid.keySet());
        assertEquals(common.size(), c.get("common").size());
        double[] a = common.stream().mapToDouble(psdf::get).toArray();
        double[] b = common.stream().mapToDouble(ccid::get).toArray();
        double rho = pearson(averageRanks(a), averageRanks(b));

        JsonNode pair = c.get("pairs").get(0);
        assertEquals(common.size(), pair.get("spearman").get("n").asInt());
        assertEquals(rho, pair.get("spearman").get("value").asDouble(), 1e-9);
        assertTrue(pair.get("spearman").get("p").asDouble() < 0.001);
        assertTrue(pair.get("kendall").get("value").asDouble() > 0.5);
        assertTrue(pair.get("rbo").asDouble() > 0 && pair.get("rbo").asDouble() < 1);
        assertEquals(1, c.get("tiers").size(), "both publish tiers");
        assertTrue(c.get("movers").get(0).get("cities").size() > 0);

        // movers in words (issue 12, item 6): 珠海市 moves most, explained by PSDF's level-1 labels with the ids kept
        JsonNode zhuhai = c.get("movers").get(0).get("cities").get(0);
        assertEquals("珠海市", zhuhai.get("name").asText());
        assertEquals("guomai-psdf-2024: 网络化共治力 (Networked co-governance) +0.4 sd, 智能化引领力 (Intelligent "
                + "leadership) +0.3 sd", zhuhai.get("explanation").get(0).asText());
        assertEquals("network_governance", zhuhai.get("reasons").get(0).get("node").asText());
        assertEquals("网络化共治力", zhuhai.get("reasons").get(0).get("zh").asText());
        assertEquals("Networked co-governance", zhuhai.get("reasons").get(0).get("en").asText());
    }

    @Test
    void moversOnSharedDataNameVariablesAndNeverAParentWithItsChild() throws Exception {
        Dist.Run run = Dist.cityeval(work, "compare", "--models", "guomai-psdf-2024,ccid-digital-city-2020", "--data",
                "pack:china-cities", "--missing", "renormalise", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode movers = JSON.readTree(run.out()).get("movers").get(0).get("cities");
        assertTrue(movers.size() > 0);
        boolean collapsedSome = false;
        for (JsonNode m : movers) {
            List<String> named = new ArrayList<>();
            List<String> folded = new ArrayList<>();
            for (JsonNode r : m.get("reasons")) {
                assertTrue(r.get("zh").asText().length() > 0, m.toString());
                named.add(r.get("model").asText() + "/" + r.get("node").asText());
                r.get("collapsed").forEach(x -> folded.add(r.get("model").asText() + "/" + x.asText()));
            }
            collapsedSome |= !folded.isEmpty();
            for (String f : folded) {
                assertTrue(!named.contains(f), "a collapsed ancestor is not named as well: " + m);
            }
            for (JsonNode line : m.get("explanation")) {
                assertTrue(!line.asText().matches(".*\\b[a-z]+_[a-z_]+ [+\u2212]\\d.*"), "no node ids: " + line);
            }
        }
        assertTrue(collapsedSome, "CCID's 可持续发展 → 绿色数字化发展水平 chain is folded into its leaf");
        // PSDF's only two backed leaves are named by their catalogue variables
        assertTrue(movers.get(0).get("explanation").get(0).asText().contains("城乡数字化协同建设：数字金融覆盖广度"),
                movers.get(0).toString());

        Dist.Run table = Dist.cityeval(work, "compare", "--models", "guomai-psdf-2024,ccid-digital-city-2020",
                "--data", "pack:china-cities", "--missing", "renormalise");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("(Urban–rural digital coordination: Coverage breadth)"), table.out());
    }

    @Test
    void ahpWeightsOfAConsistentMatrixAreItsOwnRatios() throws Exception {
        // built from the weights 0.4, 0.3, 0.2, 0.1: a_ij = w_i / w_j, so CR = 0 and the eigenvector is exact
        double[] w = { 0.4, 0.3, 0.2, 0.1 };
        StringBuilder m = new StringBuilder("{\"matrix\": [");
        for (int i = 0; i < 4; i++) {
            m.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < 4; j++) {
                m.append(j == 0 ? "" : ", ").append(w[i] / w[j]);
            }
            m.append(']');
        }
        Path params = work.resolve("ahp.json");
        Files.writeString(params, m.append("]}").toString());
        Dist.Run run = Dist.cityeval(work, "weights", "--model", "guomai-psdf-2024", "--method", "ahp", "--params",
                params.toString(), "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode rows = JSON.readTree(run.out()).get("weights");
        for (int i = 0; i < 4; i++) {
            assertEquals(w[i], rows.get(i).get("derived").asDouble(), 1e-9);
            assertEquals(w[i] * 100, rows.get(i).get("points").asDouble(), 1e-7);
        }
        // writing it as configuration is refused: PSDF's level-1 weights are published
        Dist.Run write = Dist.cityeval(work, "weights", "--model", "guomai-psdf-2024", "--method", "ahp", "--params",
                params.toString(), "--write-config");
        assertEquals(2, write.exit());
        assertTrue(write.err().contains("only assumed or inferred weights"), write.err());
    }

    @Test
    void coinrSensitivityTaskRunsThroughTheCliAndIsReproducibleForASeed() throws Exception {
        Path asem = Dist.repo().resolve("bundles/org.cityeval.coinr/src/test/resources/coinr-asem");
        List<String> args = new ArrayList<>(List.of("uncertainty", "--coinr-meta", asem.resolve("asem_iMeta.csv").toString(),
                "--coinr-data", asem.resolve("asem_iData.csv").toString(), "--replications", "200", "--winsorise", "1-5",
                "--normalise", "min-max,rank", "--weight-noise", "1:0.25,2:0.25", "--aggregate", "arithmetic,geometric",
                "--sobol", "--seed", "7", "--format", "json"));
        JsonNode[] runs = onOneAndTwoThreads(work, args);
        JsonNode ra = runs[0];
        JsonNode rb = runs[1];
        assertEquals(51, ra.get("cities").size());
        assertEquals(5, ra.get("sensitivity").size(), "winsorisation, normalisation, two weight levels, aggregation");
        assertEquals(ra.get("cities"), rb.get("cities"), "same seed, same bands, whatever the threads");
        assertEquals(ra.get("sensitivity"), rb.get("sensitivity"));
        for (JsonNode c : ra.get("cities")) {
            assertTrue(c.get("p5").asDouble() <= c.get("median").asDouble() && c.get("median").asDouble() <= c.get("p95").asDouble());
        }
    }

    static Map<String, Integer> ranks(String relative) throws Exception {
        List<String> lines = Files.readAllLines(Dist.repo().resolve(relative), StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int rank = header.indexOf("rank");
        int adcode = header.indexOf("adcode");
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            out.put(cells[adcode], Integer.parseInt(cells[rank]));
        }
        return out;
    }

    static double[] averageRanks(double[] x) {
        Integer[] idx = new Integer[x.length];
        for (int i = 0; i < x.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (p, q) -> Double.compare(x[p], x[q]));
        double[] r = new double[x.length];
        for (int i = 0; i < x.length;) {
            int j = i;
            while (j + 1 < x.length && x[idx[j + 1]] == x[idx[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[idx[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return r;
    }

    static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    /** Runs the analysis {@code args} with {@code --threads 1} and with {@code --threads 2}; both must succeed. */
    static JsonNode[] onOneAndTwoThreads(Path work, List<String> args) throws Exception {
        JsonNode[] out = new JsonNode[2];
        for (int threads = 1; threads <= 2; threads++) {
            List<String> run = new ArrayList<>(args);
            run.addAll(List.of("--threads", Integer.toString(threads)));
            Dist.Run r = Dist.cityeval(work, run.toArray(String[]::new));
            assertEquals(0, r.exit(), r.err());
            out[threads - 1] = JSON.readTree(r.out());
        }
        return out;
    }
}

package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 14 from the distribution, as a user runs it: {@code cityeval uncertainty --impute} makes the imputation
 * method an uncertain input with its own Sobol indices, {@code --aggregate} takes {@code genmean:P} and
 * {@code copeland}; a group imputation by a grouping rule the runtime lacks exits 2 naming the ones it has.
 * COINr's ASEM example (63 raw values missing), fixed seed, compared across thread counts.
 */
class UncertaintyInputsCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path work;

    private List<String> asem(String... more) {
        Path asem = Dist.repo().resolve("bundles/org.cityeval.coinr/src/test/resources/coinr-asem");
        List<String> args = new ArrayList<>(List.of("uncertainty", "--coinr-meta",
                asem.resolve("asem_iMeta.csv").toString(), "--coinr-data", asem.resolve("asem_iData.csv").toString()));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    void imputationAndRuleAggregationsAreInputsWithSobolIndices() throws Exception {
        List<String> args = asem("--replications", "150", "--impute", "renormalise,mean,median", "--aggregate",
                "model,genmean:0.5,copeland", "--weight-noise", "2:0.25", "--sobol", "--seed", "3", "--format", "json");
        JsonNode[] runs = AnalysisSmokeTest.onOneAndTwoThreads(work, args);
        JsonNode ra = runs[0];
        List<String> inputs = new ArrayList<>();
        ra.get("sensitivity").forEach(s -> inputs.add(s.get("choice").asText()));
        assertEquals(List.of("weights level 2", "aggregation", "imputation"), inputs);
        assertTrue(ra.get("sensitivity").get(2).get("total").asDouble() > 0, ra.get("sensitivity").toString());
        assertTrue(ra.get("choices").toString().contains("generalised mean p = 0.5"), ra.get("choices").toString());
        assertTrue(ra.get("choices").toString().contains("Copeland"), ra.get("choices").toString());
        assertEquals(51, ra.get("cities").size());
        JsonNode rb = runs[1];
        assertEquals(ra.get("cities"), rb.get("cities"), "same seed, same bands, whatever the threads");
        assertEquals(ra.get("sensitivity"), rb.get("sensitivity"));
    }

    @Test
    void anUnknownGroupingRuleExitsTwoListingTheKnownOnes() throws Exception {
        Dist.Run r = Dist.cityeval(work, asem("--replications", "10", "--impute", "mean,group-median:river-basin")
                .toArray(String[]::new));
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("grouping rule 'river-basin' is not available; available: province"), r.err());
        // evaluate's --missing takes the same spellings and checks the rule against the runtime's
        Dist.Run ev = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data", "pack:china-cities",
                "--missing", "group-median:river-basin");
        assertEquals(2, ev.exit(), ev.out() + ev.err());
        assertTrue(ev.err().contains("grouping rule 'river-basin' is not available; available: province"), ev.err());
        Dist.Run ok = Dist.cityeval(work, "evaluate", "--model", "guomai-psdf-2024", "--data",
                Dist.repo().resolve(OneEngineCliTest.TABLE).toString(), "--missing", "group-median:region", "--format",
                "json");
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("group-median by region", JSON.readTree(ok.out()).get("model").get("missing").asText());
        Dist.Run bad = Dist.cityeval(work, asem("--replications", "10", "--aggregate", "model,genmean")
                .toArray(String[]::new));
        assertEquals(2, bad.exit(), bad.out() + bad.err());
        assertTrue(bad.err().contains("genmean:P"), bad.err());
    }
}

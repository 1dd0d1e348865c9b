package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Each deployment profile's archive, unpacked and started as a user starts it, lists exactly its models:
 * an institution's archive holds the core and its own models only.
 */
class ProfileSmokeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> ALL = List.of("ccid-digital-city-2020", "cstc-smart-2021", "guomai-psdf-2024",
            "guomai-psft-2019", "national-smart-city-2016");
    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "full   | ccid-digital-city-2020 cstc-smart-2021 guomai-psdf-2024 guomai-psft-2019 national-smart-city-2016",
            "ccid   | ccid-digital-city-2020",
            "cstc   | cstc-smart-2021",
            "guomai | guomai-psdf-2024 guomai-psft-2019" })
    void archiveListsOnlyItsModels(String profile, String expected) throws Exception {
        Path home = Dist.home(profile);
        Dist.Run run = Dist.cityevalIn(home, work, "models", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode body = JSON.readTree(run.out());
        List<String> ids = new ArrayList<>();
        body.get("models").forEach(m -> ids.add(m.get("id").asText()));
        assertEquals(List.of(expected.trim().split(" +")), ids);
        assertEquals(0, body.get("failures").size(), body.get("failures").toString());
        // the archive itself carries no other institution's model bundle
        try (Stream<Path> jars = Files.list(home.resolve("models"))) {
            assertEquals(ids.size(), jars.count());
        }
        for (String other : ALL) {
            if (!ids.contains(other)) {
                Dist.Run r = Dist.cityevalIn(home, work, "tree", other);
                assertEquals(2, r.exit(), other + " must not be in the " + profile + " archive");
            }
        }
    }

    @Test
    void everyModelOfTheFullArchiveHasConsistentWeights() throws Exception {
        Dist.Run run = Dist.cityeval(work, "models", "--format", "json");
        for (JsonNode m : JSON.readTree(run.out()).get("models")) {
            String id = m.get("id").asText();
            JsonNode tree = JSON.readTree(Dist.cityeval(work, "tree", id, "--format", "json").out()).get("root");
            checkSums(id, tree);
            int total = 0;
            for (JsonNode n : m.get("levels")) {
                total += n.asInt();
            }
            int counted = 0;
            for (var e : m.get("weights").properties()) {
                counted += e.getValue().asInt();
            }
            assertEquals(total, counted, id + ": every indicator's weight has a provenance");
        }
    }

    private static void checkSums(String model, JsonNode node) {
        JsonNode children = node.get("children");
        if (children == null || children.isEmpty()) {
            return;
        }
        double sum = 0;
        for (JsonNode c : children) {
            sum += c.get("weight").get("value").asDouble();
            checkSums(model, c);
        }
        assertEquals(node.get("weight").get("value").asDouble(), sum, 1e-9, model + ": children of " + node.get("id"));
    }

    @Test
    void ccidArchiveReproducesWhatItsPublishedRankingDetermines() throws Exception {
        Dist.Run run = Dist.cityevalIn(Dist.home("ccid"), work, "reproduce", "ccid-digital-city-2020");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("ranks and tiers only, no scores to recompute"), run.out());
        assertTrue(run.out().contains("OK   tier order: 100 of 100"), run.out());
        assertTrue(run.out().contains("cannot be reproduced") || run.out().contains("cannot be recomputed"), run.out());
        JsonNode r = JSON.readTree(Dist.cityevalIn(Dist.home("ccid"), work, "reproduce", "ccid-digital-city-2020",
                "--format", "json").out());
        assertEquals(100, r.get("cities").size());
        assertTrue(r.get("cities").get(0).get("score").isNull());
        assertEquals(5, r.get("tiers").get(0).get("count").asInt());
        assertEquals(33, r.get("tiers").get(1).get("count").asInt());
        assertEquals(62, r.get("tiers").get(2).get("count").asInt());
    }
}

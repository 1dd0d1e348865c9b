package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cityeval.benchmarks.LoadClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The short version of scripts/bench-load.sh: {@code cityeval serve} from the distribution with a fixed heap,
 * 200 concurrent clients posting {@code /api/evaluate} for 8 s (after 2 s of warm-up) with the benchmark's mix
 * (every model on the data pack, on an uploaded dataset by token, and one model on inline CSV). Every answer
 * must be 200 and byte for byte the reference answer of its request, which is checked first (the model asked
 * for, ranked cities with scores; for the inline table, the published first city and score). Nothing about
 * speed is asserted: the machine is shared.
 */
class LoadSmokeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int CLIENTS = 200;
    static Dist.Served server;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        server = Dist.serve(Dist.home(), "-Xms512m -Xmx512m");
        base = server.base();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.process().destroy();
            Waits.exit(server.process(), "server did not stop on SIGTERM");
        }
    }

    @Test
    void twoHundredConcurrentClientsGetEveryAnswerInFull() throws Exception {
        Path repo = Dist.repo();
        // each client makes at least one round of every kind of request in the measured period, however long that
        // takes, and a request may take as long as only a hang would: the counts asserted below (every kind
        // answered, more than one request per client) do not depend on the machine's speed
        LoadClient.Options options = new LoadClient.Options(URI.create(base), CLIENTS, Duration.ofSeconds(2),
                Duration.ofSeconds(8), Waits.HANG_GUARD, List.of(), "china-cities",
                repo.resolve("bundles/org.cityeval.data.china/src/main/resources/OSGI-INF/cityeval/data/china-cities.csv"), null,
                repo.resolve("bundles/org.cityeval.model.guomai.psdf2024/src/main/resources/OSGI-INF/cityeval/reference/"
                        + "guomai-psdf-2024-table1.csv"), "guomai-psdf-2024", 1);
        LoadClient.Report r = LoadClient.run(options);
        String summary = r.describe();
        System.out.print("LoadSmokeTest, " + CLIENTS + " clients, 2 s warm-up, 8 s measured (and at least one round"
                + " of every kind per client):\n" + summary);

        assertEquals(0, r.errors(), summary);
        // every model on the pack and on the upload, and the inline table
        int models = (r.kinds().size() - 1) / 2;
        assertTrue(models >= 5, summary);
        assertEquals(2 * models + 1, r.kinds().size(), summary);
        for (int k = 0; k < r.kinds().size(); k++) {
            assertTrue(r.byKind()[k].length > 0, r.kinds().get(k).name() + " was never answered in the measured time\n" + summary);
        }
        // more than one round of the 200 clients was answered in the measured time
        assertTrue(r.measured() > CLIENTS, summary);

        // the reference answers themselves: the pack and the upload of the same CSV give the same result, and
        // the published table gives the published ranking
        for (LoadClient.Kind pack : r.kinds()) {
            if (pack.name().startsWith("pack ")) {
                LoadClient.Kind upload = r.kinds().stream().filter(k -> k.name().equals("upload " + pack.model()))
                        .findFirst().orElseThrow();
                JsonNode a = JSON.readTree(pack.expected());
                JsonNode b = JSON.readTree(upload.expected());
                assertEquals(a.get("cities"), b.get("cities"), pack.model());
                assertTrue(a.get("cities").size() >= 300, pack.model() + ": " + a.get("cities").size() + " cities");
            }
        }
        LoadClient.Kind inline = r.kinds().get(r.kinds().size() - 1);
        JsonNode first = JSON.readTree(inline.expected()).get("cities").get(0);
        assertEquals("110000", first.get("adcode").asText(), first.toString());
        assertEquals(85.7, first.get("score").asDouble(), first.toString());
        assertEquals(1, first.get("rank").asInt());
    }
}

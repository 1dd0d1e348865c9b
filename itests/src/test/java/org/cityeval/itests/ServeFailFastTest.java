package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second {@code cityeval serve} that cannot run says why at once: the real distribution is started, then started
 * again on the same port (exit 5) and on the same store (exit 6); each second start ends with one line on standard
 * error naming the cause, and never serves (the command returns: serving blocks until stopped). The first server is
 * unharmed. The time each second start takes is printed (scripts/bench-serve-fail.sh measures its medians), not
 * asserted: it is mostly the JVM's and the framework's start, which a busy machine stretches.
 */
class ServeFailFastTest {
    @TempDir
    Path work;

    private static String opts(Path store) {
        return "-Dcityeval.store=" + store;
    }

    @Test
    void aSecondServeOnTheSamePortOrStoreExitsAtOnceWithItsOwnCodeAndOneLine() throws Exception {
        Path store = work.resolve("store");
        try (Dist.Served first = Dist.serve(Dist.home(), opts(store))) {
            String port = first.base().substring(first.base().lastIndexOf(':') + 1);

            long t0 = System.nanoTime();
            Dist.Run samePort = Dist.cityevalWith(Map.of("CITYEVAL_JAVA_OPTS", opts(work.resolve("other-store"))),
                    Dist.home(), work, "serve", "--port", port);
            long portNanos = System.nanoTime() - t0;
            assertEquals(5, samePort.exit(), samePort.err());
            assertEquals("cityeval: port " + port + " on 127.0.0.1 is in use (Address already in use): another"
                    + " program, perhaps another cityeval serve, listens there; stop it or choose another port with"
                    + " --port", samePort.err().strip());
            assertEquals("", samePort.out());

            t0 = System.nanoTime();
            Dist.Run sameStore = Dist.cityevalWith(Map.of("CITYEVAL_JAVA_OPTS", opts(store)), Dist.home(), work,
                    "serve", "--port", "0");
            long storeNanos = System.nanoTime() - t0;
            assertEquals(6, sameStore.exit(), sameStore.err());
            String line = sameStore.err().strip();
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.startsWith("cityeval: the workbench store cannot be opened: " + store + ": the store is in"
                    + " use by another cityeval process"), line);
            assertTrue(line.endsWith("give each server its own -Dcityeval.store"), line);
            assertEquals("", sameStore.out());

            // the first server still serves its API and its store
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(first.base() + "/api/datasets")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            System.out.printf(Locale.ROOT, "ServeFailFastTest: port in use: exit 5 after %.2f s; store locked: exit 6"
                    + " after %.2f s (whole process, measured, not asserted)%n", portNanos / 1e9, storeNanos / 1e9);
        }
    }

    /** A one-shot command on a store a server holds does not need the store: no stack trace, exit 0. */
    @Test
    void aOneShotCommandBesideAServerPrintsNoStackTrace() throws Exception {
        Path store = work.resolve("store");
        try (Dist.Served first = Dist.serve(Dist.home(), opts(store))) {
            Dist.Run models = Dist.cityevalWith(Map.of("CITYEVAL_JAVA_OPTS", opts(store)), Dist.home(), work,
                    "models");
            assertEquals(0, models.exit(), models.err());
            assertEquals("", models.err());
        }
    }
}

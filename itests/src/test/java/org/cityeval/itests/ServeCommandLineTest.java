package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} is an ordinary picocli command: the launcher parses no option, so {@code serve --help} prints
 * the usage and returns without starting anything, a bad option is a usage error, and {@code --port} still
 * decides where the server listens. The framework properties come from the profile's generated
 * {@code conf/framework.properties}.
 */
class ServeCommandLineTest {
    @TempDir
    Path work;

    /**
     * The port is held by this test while {@code serve --help --port} runs: had anything tried to listen there,
     * Jetty would have logged that it failed to bind. The command returning at all shows it did not serve
     * (serving blocks until the process is stopped).
     */
    @Test
    void serveHelpPrintsUsageAndBindsNoPort() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(held.getLocalPort());
            for (String[] args : new String[][] { { "serve", "--help" }, { "serve", "--port", port, "--help" },
                    { "serve", "-h", "--port", port } }) {
                Dist.Run run = Dist.cityeval(work, args);
                assertEquals(0, run.exit(), String.join(" ", args) + ": " + run.err());
                assertTrue(run.out().startsWith("Usage: cityeval serve"), run.out());
                assertTrue(run.out().contains("--port=PORT") && run.out().contains("--host=HOST"), run.out());
                assertFalse(run.out().contains("serving on"), run.out());
                assertFalse(run.err().contains("bind"), run.err());
                assertEquals("", run.err());
            }
        }
    }

    @Test
    void shellHelpPrintsUsageAndOpensNoShell() throws Exception {
        Dist.Run run = Dist.cityeval(work, "shell", "--help");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("Usage: cityeval shell"), run.out());
        assertFalse(run.out().contains("g!"), run.out());
    }

    @Test
    void aBadServeOptionIsAUsageErrorAndStartsNothing() throws Exception {
        Dist.Run run = Dist.cityeval(work, "serve", "--port", "eighty");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("--port") && run.err().contains("eighty"), run.err());
        assertTrue(run.err().contains("serve --help"), run.err());
        assertEquals("", run.out());

        Dist.Run range = Dist.cityeval(work, "serve", "--port", "70000");
        assertEquals(2, range.exit(), range.err());
        assertTrue(range.err().contains("70000"), range.err());
    }

    @Test
    void servePortStillDecidesWhereTheServerListens() throws Exception {
        try (Dist.Served served = Dist.serve(Dist.home(), null)) {
            // Dist.serve passes --port with a free port and waits for "cityeval serving on <that URL>"
            assertTrue(served.log().toString().contains("cityeval serving on " + served.base() + "/"), served.log().toString());
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(served.base() + "/api/models")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("guomai-psdf-2024"), r.body());
        }
    }

    /** What the launcher used to hard-code is the profile's, and host and port are the command's. */
    @Test
    void frameworkPropertiesComeFromTheProfile() throws Exception {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(Dist.home().resolve("conf/framework.properties"))) {
            p.load(r);
        }
        assertEquals("${cityeval.home}/models", p.getProperty("felix.fileinstall.dir"));
        assertEquals("1024", p.getProperty("org.apache.felix.http.jetty.acceptQueueSize"));
        assertTrue(p.getProperty("org.osgi.framework.system.packages.extra").contains("org.slf4j;version="));
        assertEquals("bundle/core,bundle/server", p.getProperty("cityeval.launch.folders.serve"));
        assertEquals(null, p.getProperty("org.osgi.service.http.port"));
        assertEquals(null, p.getProperty("org.apache.felix.http.host"));
    }
}

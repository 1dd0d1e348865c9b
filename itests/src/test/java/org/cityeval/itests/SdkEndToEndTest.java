package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The model SDK end to end, as a methodology designer outside this source tree uses it, from the built full
 * distribution, offline, in a temporary folder, with real processes ({@code bin/cityeval}, Maven):
 * <ol>
 * <li>{@code cityeval sdk install --repo T} into an empty local repository T;</li>
 * <li>{@code cityeval new-model} makes the same files as {@code mvn archetype:generate} (plain and with a rule);</li>
 * <li>{@code mvn -o verify} passes on the generated project;</li>
 * <li>a descriptor broken three ways fails {@code mvn -o verify}, naming all three with JSON paths;</li>
 * <li>the custom-rule project builds, its rule is validated and used;</li>
 * <li>{@code cityeval:distribution} makes a zip whose {@code bin/cityeval models} lists only that model;</li>
 * <li>the built jar hot-deployed into a running {@code serve} evaluates over HTTP;</li>
 * <li>{@code mvn cityeval:run} serves the project's model, and stops with Maven.</li>
 * </ol>
 * Maven runs as {@code mvn -o -s settings.xml -Dmaven.repo.local=T -Daether.offline.protocols=file}: the
 * settings' mirror is the build machine's own local repository as a file:// repository, standing in for Maven
 * Central for the standard build plugins (compiler, surefire, jar, bnd, archetype); every cityeval artifact and
 * its runtime closure comes from T, that is from the distribution's sdk/repository. Each step's time is printed
 * (target/surefire-reports/...-output.txt); no time is asserted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SdkEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ID = "acme-2025";
    static final String ARCHETYPE_PLUGIN = "org.apache.maven.plugins:maven-archetype-plugin:3.3.1:generate";

    @TempDir
    static Path tmp;
    static Path repo;
    static Path settings;
    static Path project;
    static final Map<String, Long> TIMES = new LinkedHashMap<>();

    @BeforeAll
    static void installTheSdk() throws Exception {
        repo = tmp.resolve("m2");
        String machine = System.getProperty("cityeval.machine.repository");
        assertTrue(machine != null && Files.isDirectory(Paths.get(machine)), "cityeval.machine.repository: " + machine);
        settings = tmp.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>machine</id>
                      <name>the build machine's local repository, standing in for Maven Central</name>
                      <url>%s</url>
                      <mirrorOf>*</mirrorOf>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(Paths.get(machine).toUri()));
        long t0 = System.nanoTime();
        Dist.Run r = Dist.cityevalIn(Dist.home(), tmp, "sdk", "install", "--repo", repo.toString());
        TIMES.put("cityeval sdk install", System.nanoTime() - t0);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Installed the cityeval SDK into " + repo), r.out());
        for (String a : List.of("org.cityeval.api:", "cityeval-testkit:", "cityeval-maven-plugin:",
                "cityeval-model-archetype:", "cityeval-archives:")) {
            assertTrue(r.out().contains(a), a + " in " + r.out());
        }
        assertTrue(r.out().contains("-Dmaven.repo.local=" + repo), r.out());
        // nothing half-written: no temporary file of the atomic writes is left
        try (Stream<Path> s = Files.walk(repo)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
        Dist.Run again = Dist.cityevalIn(Dist.home(), tmp, "sdk", "install", "--repo", repo.toString());
        assertTrue(again.out().contains(" 0 files written"), "a second install changes nothing: " + again.out());
    }

    @AfterAll
    static void report() {
        StringBuilder b = new StringBuilder("SDK end to end, seconds per step:\n");
        TIMES.forEach((k, v) -> b.append(String.format("  %6.1f  %s%n", v / 1e9, k)));
        b.append(String.format("  %6.1f  total%n", TIMES.values().stream().mapToLong(Long::longValue).sum() / 1e9));
        System.out.print(b);
    }

    @Test
    @Order(1)
    void newModelMakesWhatArchetypeGenerateMakes() throws Exception {
        project = tmp.resolve("acme");
        long t0 = System.nanoTime();
        Dist.Run r = Dist.cityevalIn(Dist.home(), tmp, "new-model", project.toString(), "--id", ID, "--institution",
                "某研究院");
        TIMES.put("cityeval new-model", System.nanoTime() - t0);
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(descriptor(project)), r.out());

        Path gen = Files.createDirectories(tmp.resolve("generated"));
        Mvn g = mvn(gen, "archetype:generate", ARCHETYPE_PLUGIN, "-DarchetypeGroupId=org.cityeval",
                "-DarchetypeArtifactId=cityeval-model-archetype", "-DarchetypeVersion=" + archetypeVersion(),
                "-DgroupId=org.example.cityeval", "-DartifactId=acme", "-DmodelId=" + ID, "-Dinstitution=某研究院");
        assertEquals(0, g.exit(), g.out());
        assertEquals(files(gen.resolve("acme")), files(project), "cityeval new-model and mvn archetype:generate");

        Path rule = tmp.resolve("acme-rule");
        Dist.Run rr = Dist.cityevalIn(Dist.home(), tmp, "new-model", rule.toString(), "--id", "acme-rule-2025",
                "--with-rule");
        assertEquals(0, rr.exit(), rr.err());
        Mvn gr = mvn(gen, "archetype:generate (withRule)", ARCHETYPE_PLUGIN, "-DarchetypeGroupId=org.cityeval",
                "-DarchetypeArtifactId=cityeval-model-archetype", "-DarchetypeVersion=" + archetypeVersion(),
                "-DgroupId=org.example.cityeval", "-DartifactId=acme-rule", "-DmodelId=acme-rule-2025",
                "-DwithRule=true");
        assertEquals(0, gr.exit(), gr.out());
        assertEquals(files(gen.resolve("acme-rule")), files(rule), "the same with a custom rule");

        Dist.Run taken = Dist.cityevalIn(Dist.home(), tmp, "new-model", project.toString(), "--id", ID);
        assertEquals(2, taken.exit(), "an existing folder is refused");
    }

    @Test
    @Order(2)
    void theGeneratedProjectVerifies() throws Exception {
        Mvn m = mvn(project, "mvn -o verify (generated project)", "verify");
        assertEquals(0, m.exit(), m.out());
        assertTrue(m.out().contains("Tests run:"), "the generated test ran:\n" + m.out());
        assertFalse(m.out().contains("No tests to run"), m.out());
        assertTrue(Files.isRegularFile(project.resolve("target/acme-1.0-SNAPSHOT.jar")), m.out());
    }

    @Test
    @Order(3)
    void aDescriptorBrokenThreeWaysFailsNamingAllThree() throws Exception {
        Path broken = tmp.resolve("acme-broken");
        HotDeployTest.copyTree(project, broken);
        deleteTree(broken.resolve("target"));
        Path file = descriptor(broken);
        ObjectNode d = (ObjectNode) JSON.readTree(file.toFile());
        ArrayNode tree = (ArrayNode) d.get("tree");
        // 1. weights that no longer add up: the first group's first leaf
        ((ObjectNode) tree.get(0).get("children").get(0).get("weight")).put("value", 40);
        // 2. a scoring rule nobody provides
        ((ObjectNode) tree.get(1).get("children").get(0).get("binding").get("scoring")).put("rule", "no-such-rule");
        // 3. a misspelt catalogue variable
        ((ArrayNode) tree.get(1).get("children").get(1).get("binding").get("variables")).set(0, "usage_dept");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(d));

        Mvn m = mvn(broken, "mvn -o verify (broken three ways)", "verify");
        assertNotEquals(0, m.exit(), m.out());
        List<String> lines = m.out().lines().filter(l -> l.startsWith("[ERROR] ") && l.contains(" at $.")).toList();
        List<String> missing = new ArrayList<>();
        for (String[] expected : List.of(new String[] {"$.tree[0]", "weights"},
                new String[] {"$.tree[1].children[0].binding.scoring", "no-such-rule"},
                new String[] {"$.tree[1].children[1].binding.variables[0]", "usage_dept"})) {
            if (lines.stream().noneMatch(l -> l.contains(" at " + expected[0]) && l.contains(expected[1]))) {
                missing.add(expected[0] + " (" + expected[1] + ")");
            }
        }
        assertEquals(List.of(), missing, "every problem on a line with its JSON path:\n" + m.out());
    }

    @Test
    @Order(4)
    void aCustomRuleProjectBuildsAndItsRuleIsValidatedAndUsed() throws Exception {
        Path rule = tmp.resolve("acme-rule");
        Mvn m = mvn(rule, "mvn -o verify (custom rule)", "verify");
        assertEquals(0, m.exit(), m.out());
        JsonNode d = JSON.readTree(descriptor(rule).toFile());
        String ruleId = ownRule(d, "acme-rule-2025");
        assertTrue(ruleId != null, "the rule variant's descriptor names the project's own rule: " + d);
        // the test of the rule ran, and the model using it evaluated (validate knows the rule: the build passed)
        Path reports = rule.resolve("target/surefire-reports");
        try (Stream<Path> s = Files.list(reports)) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().endsWith("RuleTest.txt")), "RuleTest ran");
        }

        // the same project with the rule's id misspelt in the descriptor fails validation by its JSON path
        Path misspelt = tmp.resolve("acme-rule-misspelt");
        HotDeployTest.copyTree(rule, misspelt);
        deleteTree(misspelt.resolve("target"));
        Path f = descriptor(misspelt);
        Files.writeString(f, Files.readString(f).replace("\"" + ruleId + "\"", "\"" + ruleId + "-x\""));
        Mvn bad = mvn(misspelt, "mvn -o verify (custom rule misspelt)", "verify");
        assertNotEquals(0, bad.exit(), bad.out());
        assertTrue(bad.out().contains(ruleId + "-x"), bad.out());

        // the rule declares its parameters (Rules.PARAMETERS), so a misspelt one fails validation at its JSON path
        Path param = tmp.resolve("acme-rule-parameter");
        HotDeployTest.copyTree(rule, param);
        deleteTree(param.resolve("target"));
        Path g = descriptor(param);
        Files.writeString(g, Files.readString(g).replace("\"target\"", "\"targett\""));
        Mvn badParam = mvn(param, "mvn -o verify (custom rule parameter misspelt)", "verify");
        assertNotEquals(0, badParam.exit(), badParam.out());
        assertTrue(badParam.out().lines().anyMatch(l -> l.startsWith("[ERROR] ") && l.contains(".parameters.targett: ")
                && l.contains("accepts target")), badParam.out());
    }

    @Test
    @Order(5)
    void anInstitutionDistributionListsOnlyItsModel() throws Exception {
        Mvn m = mvn(project, "mvn -o cityeval:distribution", "cityeval:distribution");
        assertEquals(0, m.exit(), m.out());
        Path zip = project.resolve("target/acme-1.0-SNAPSHOT-cityeval.zip");
        assertTrue(Files.isRegularFile(zip), m.out());
        Path inst = tmp.resolve("institution");
        unzip(zip, inst);
        Path home = inst.resolve("cityeval");
        assertTrue(Files.isExecutable(home.resolve("bin/cityeval")), "bin/cityeval keeps its mode");
        assertFalse(Files.exists(home.resolve("sdk")), "no SDK in an institution's distribution");
        long t0 = System.nanoTime();
        Dist.Run models = Dist.cityevalIn(home, tmp, "models", "--format", "json");
        TIMES.put("bin/cityeval models (institution zip)", System.nanoTime() - t0);
        assertEquals(0, models.exit(), models.err());
        List<String> ids = new ArrayList<>();
        JsonNode list = JSON.readTree(models.out());
        for (JsonNode n : list.has("models") ? list.get("models") : list) {
            ids.add(n.get("id").asText());
        }
        assertEquals(List.of(ID), ids, models.out());
    }

    @Test
    @Order(6)
    void hotDeployedIntoARunningServeAndEvaluatedOverHttp() throws Exception {
        Path home = tmp.resolve("served/cityeval");
        HotDeployTest.copyTree(Dist.home(), home);
        long t0 = System.nanoTime();
        try (Dist.Served served = Dist.serve(home, null)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();
            // copied under another name and renamed, as cli.md says: never a half-copied jar
            Path jar = project.resolve("target/acme-1.0-SNAPSHOT.jar");
            Path part = home.resolve("models/.acme.jar.part");
            Files.copy(jar, part);
            Files.move(part, home.resolve("models/acme.jar"), StandardCopyOption.ATOMIC_MOVE);
            Waits.until(() -> "model " + ID + " in GET /api/models; log:\n" + served.log(), () -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(served.base() + "/api/models"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("\"" + ID + "\"");
            });
            String csv = Files.readString(project.resolve("src/test/resources/sample-data.csv"));
            ObjectNode body = JSON.createObjectNode().put("model", ID).put("csv", csv);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(served.base() + "/api/evaluate"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode result = JSON.readTree(r.body());
            assertTrue(r.body().contains("\"" + ID + "\""), r.body());
            assertEquals(csv.strip().split("\n").length - 1, result.get("cities").size(), r.body());
            for (JsonNode c : result.get("cities")) {
                assertTrue(c.get("score").isNumber(), c.toString());
            }
        }
        TIMES.put("serve, hot deploy, evaluate over HTTP", System.nanoTime() - t0);
    }

    @Test
    @Order(7)
    void cityevalRunServesTheProjectWithItsBundleDeployed() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        Path log = tmp.resolve("run.log");
        List<String> cmd = new ArrayList<>(mvnCommand());
        cmd.addAll(List.of("cityeval:run", "-Dcityeval.port=" + port));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("MAVEN_SKIP_RC", "true");
        long t0 = System.nanoTime();
        Process mvn = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Waits.HANG_GUARD).build();
        try {
            Waits.until(() -> "cityeval:run serving " + ID + "; log:\n" + Files.readString(log), () -> {
                if (!mvn.isAlive()) {
                    throw new AssertionError("cityeval:run ended: " + Files.readString(log));
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/models")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    return r.statusCode() == 200 && r.body().contains("\"" + ID + "\"");
                } catch (java.net.ConnectException e) {
                    return false;
                }
            });
            TIMES.put("mvn -o cityeval:run until the model answers", System.nanoTime() - t0);
            assertTrue(Files.isRegularFile(project.resolve("target/cityeval-run/cityeval/models/acme.jar")));
        } finally {
            // SIGTERM to Maven: its shutdown hook stops the server it started
            mvn.destroy();
            Waits.exit(mvn, "cityeval:run did not stop on SIGTERM");
        }
        Waits.until("the server of cityeval:run to stop", () -> {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return false;
            } catch (IOException e) {
                return true;
            }
        });
    }

    // --- helpers ---

    record Mvn(int exit, String out) {
    }

    /** Runs Maven offline on T with the machine's repository as the mirror; the output is kept in target/. */
    static Mvn mvn(Path dir, String step, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(mvnCommand());
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "mvn", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // the user's MAVEN_OPTS and .mvn of this source tree must not leak into a project outside it
        pb.environment().remove("MAVEN_OPTS");
        pb.environment().remove("MAVEN_ARGS");
        pb.environment().put("MAVEN_SKIP_RC", "true");
        long t0 = System.nanoTime();
        Process p = pb.start();
        Waits.exit(p, step + " did not finish");
        TIMES.merge(step, System.nanoTime() - t0, Long::sum);
        return new Mvn(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** {@code mvn -o} on T with the settings' mirror, the flag that lets offline Maven read file:// repositories. */
    static List<String> mvnCommand() {
        String mavenHome = System.getProperty("cityeval.maven.home");
        assertTrue(mavenHome != null, "cityeval.maven.home (the build passes ${maven.home})");
        return List.of(Paths.get(mavenHome, "bin", "mvn").toString(), "-o", "-B", "-ntp", "-s", settings.toString(),
                "-Dmaven.repo.local=" + repo, "-Daether.offline.protocols=file");
    }

    static String archetypeVersion() throws IOException {
        try (Stream<Path> s = Files.list(repo.resolve("org/cityeval/cityeval-model-archetype"))) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).findFirst().orElseThrow();
        }
    }

    static Path descriptor(Path project) throws IOException {
        try (Stream<Path> s = Files.list(project.resolve("src/main/resources/OSGI-INF/cityeval/models"))) {
            return s.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
    }

    /** Every file of a project, relative path to content (no folders: an empty folder is not a difference). */
    static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    out.put(dir.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    /** The first rule in the descriptor named after the model (the archetype names the project's rule so). */
    static String ownRule(JsonNode node, String modelId) {
        if (node.isObject()) {
            JsonNode rule = node.get("rule");
            if (rule != null && rule.isTextual() && rule.asText().startsWith(modelId)) {
                return rule.asText();
            }
            for (JsonNode c : node) {
                String r = ownRule(c, modelId);
                if (r != null) {
                    return r;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode c : node) {
                String r = ownRule(c, modelId);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    static void unzip(Path zip, Path to) throws IOException {
        try (var fs = java.nio.file.FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"))) {
            Path root = fs.getPath("/");
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Path target = to.resolve(root.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                        Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(p));
                    }
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}

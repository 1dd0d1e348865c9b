package org.cityeval.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * {@code cityeval new-model} from an archetype jar and {@code cityeval sdk install}, without a framework. That
 * the expansion equals {@code mvn archetype:generate}'s for the real archetype is shown by the itest
 * (SdkEndToEndTest); here: the metadata's properties, file sets, conditional files, Velocity's directives and
 * "lines" gobbling, and the safety of both commands.
 */
class SdkCommandsTest {
    @TempDir
    Path tmp;

    private static final String METADATA = """
            <archetype-descriptor name="test">
              <requiredProperties>
                <requiredProperty key="modelId"/>
                <requiredProperty key="institution"><defaultValue>Acme</defaultValue></requiredProperty>
                <requiredProperty key="withRule"><defaultValue>false</defaultValue></requiredProperty>
                <requiredProperty key="groupId"><defaultValue>org.example.models</defaultValue></requiredProperty>
                <requiredProperty key="version"><defaultValue>1.0.0</defaultValue></requiredProperty>
                <requiredProperty key="package"><defaultValue>${groupId}.rules</defaultValue></requiredProperty>
              </requiredProperties>
              <fileSets>
                <fileSet filtered="true" encoding="UTF-8"><directory>src/main/resources</directory>
                  <includes><include>**/*.json</include></includes></fileSet>
                <fileSet filtered="true" packaged="true"><directory>src/main/java</directory>
                  <includes><include>**/*.java</include></includes></fileSet>
                <fileSet filtered="true" packaged="true"><directory>src/test/java</directory>
                  <includes><include>**/*.java</include></includes></fileSet>
                <fileSet filtered="true"><directory>src/rule-variant</directory>
                  <includes><include>**/*.json</include></includes></fileSet>
                <fileSet><directory>src/test/resources</directory><includes><include>**</include></includes>
                  <excludes><exclude>**/*.tmp</exclude></excludes></fileSet>
                <fileSet filtered="true"><directory></directory><includes><include>README.md</include></includes></fileSet>
              </fileSets>
            </archetype-descriptor>
            """;

    private static final String POM = """
            <project>
              <groupId>${groupId}</groupId>
              <artifactId>${artifactId}</artifactId>
              <version>${version}</version>
              <name>$institution: ${modelId}</name>
              <!-- ${project.build.directory} stays: an undefined reference is left as written -->
            #if( $withRule == "true" )
              <dependencies>
                <dependency>api</dependency>
              </dependencies>
            #else
              <!-- data only -->
            #end
            ## a comment line disappears
              <x>#if($withRule == "true")rule#{else}data#end</x>
            #set( $shout = "${modelId}!" )
              <y>$shout \\$modelId \\$undefined $!{nothing}end</y>
            </project>
            """;

    private Path archetypeJar() throws IOException {
        Path jar = tmp.resolve("cityeval-model-archetype-1.1.0.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            put(z, "META-INF/maven/archetype-metadata.xml", METADATA);
            put(z, "archetype-resources/pom.xml", POM);
            put(z, "archetype-resources/README.md", "# ${modelId}\n");
            put(z, "archetype-resources/src/main/resources/OSGI-INF/cityeval/models/__modelId__.json",
                    "{\"id\": \"${modelId}\"}\n");
            put(z, "archetype-resources/src/main/java/Rule.java", "package ${package};\nclass Rule {}\n");
            put(z, "archetype-resources/src/test/java/RuleTest.java", "package ${package};\nclass RuleTest {}\n");
            put(z, "archetype-resources/src/test/java/ModelTest.java", "package ${package};\nclass ModelTest {}\n");
            put(z, "archetype-resources/src/rule-variant/__modelId__.json", "{\"id\": \"${modelId}\", \"rule\": true}\n");
            put(z, "archetype-resources/src/test/resources/sample.csv", "city,${modelId}\n");
            put(z, "archetype-resources/src/test/resources/junk.tmp", "x");
            put(z, "archetype-resources/unlisted.txt", "x");
        }
        return jar;
    }

    private static void put(ZipOutputStream z, String name, String text) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }

    private record Result(int exit, String out, String err) {
    }

    private Result run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            if (ex instanceof Cli.UserError u) {
                c.getErr().println("cityeval: " + u.getMessage());
                return u.code;
            }
            throw ex;
        });
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private Result newModel(String... args) throws IOException {
        SdkCommands.NewModel c = new SdkCommands.NewModel();
        c.archetypeJar = archetypeJar();
        return run(c, args);
    }

    @Test
    void dataOnlyProject() throws IOException {
        Path dir = tmp.resolve("acme-model");
        Result r = newModel(dir.toString(), "--id", "acme-2025");
        assertEquals(0, r.exit(), r.err());
        assertEquals("""
                <project>
                  <groupId>org.example.models</groupId>
                  <artifactId>acme-model</artifactId>
                  <version>1.0.0</version>
                  <name>Acme: acme-2025</name>
                  <!-- ${project.build.directory} stays: an undefined reference is left as written -->
                  <!-- data only -->
                  <x>data</x>
                  <y>acme-2025! $modelId \\$undefined end</y>
                </project>
                """, Files.readString(dir.resolve("pom.xml")));
        assertEquals("{\"id\": \"acme-2025\"}\n",
                Files.readString(dir.resolve("src/main/resources/OSGI-INF/cityeval/models/acme-2025.json")));
        assertEquals("city,${modelId}\n", Files.readString(dir.resolve("src/test/resources/sample.csv")),
                "not filtered");
        assertEquals("# acme-2025\n", Files.readString(dir.resolve("README.md")));
        assertFalse(Files.exists(dir.resolve("src/main/java")), "rule files only with --with-rule");
        assertFalse(Files.exists(dir.resolve("src/test/java/org/example/models/rules/RuleTest.java")));
        assertTrue(Files.exists(dir.resolve("src/test/java/org/example/models/rules/ModelTest.java")));
        assertFalse(Files.exists(dir.resolve("src/rule-variant")));
        assertFalse(Files.exists(dir.resolve("src/test/resources/junk.tmp")), "excluded");
        assertFalse(Files.exists(dir.resolve("unlisted.txt")), "in no file set");
        assertTrue(r.out().contains("acme-2025.json"), r.out());
    }

    @Test
    void ruleProjectInItsPackage() throws IOException {
        Path dir = tmp.resolve("rules");
        Result r = newModel(dir.toString(), "--id", "acme-2025", "--with-rule", "--group", "cn.acme",
                "--institution", "某研究院");
        assertEquals(0, r.exit(), r.err());
        String pom = Files.readString(dir.resolve("pom.xml"));
        assertTrue(pom.contains("  <dependencies>\n    <dependency>api</dependency>\n  </dependencies>\n  <x>rule</x>"), pom);
        assertTrue(pom.contains("<name>某研究院: acme-2025</name>"), pom);
        assertEquals("package cn.acme.rules;\nclass Rule {}\n",
                Files.readString(dir.resolve("src/main/java/cn/acme/rules/Rule.java")));
        assertTrue(Files.exists(dir.resolve("src/test/java/cn/acme/rules/RuleTest.java")));
        assertEquals("{\"id\": \"acme-2025\", \"rule\": true}\n",
                Files.readString(dir.resolve("src/main/resources/OSGI-INF/cityeval/models/acme-2025.json")),
                "the rule variant's descriptor replaces the plain one");
        assertFalse(Files.exists(dir.resolve("src/rule-variant")));
    }

    @Test
    void refusesAnExistingFolderAndLeavesNothingOnFailure() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("taken"));
        Result r = newModel(dir.toString(), "--id", "acme-2025");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("already exists"), r.err());

        Result bad = newModel(tmp.resolve("bad").toString(), "--id", "acme-2025", "-P", "withRule=#foreach");
        assertEquals(0, bad.exit(), "a value is text, never a directive: " + bad.err());
        try (var list = Files.list(tmp)) {
            assertTrue(list.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary folder left");
        }
    }

    @Test
    void anUnsupportedDirectiveIsRefusedNamingTheFile() {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Archetype.render("pom.xml", "a\n#foreach($x in $y)\n#end\n".getBytes(StandardCharsets.UTF_8),
                        Map.of()));
        assertTrue(e.getMessage().startsWith("pom.xml line 2: #foreach is not supported"), e.getMessage());
    }

    @Test
    void installCopiesEachFileOnceAndSaysWhat() throws IOException {
        Path sdk = tmp.resolve("sdk/repository");
        Path api = sdk.resolve("org/cityeval/org.cityeval.api/1.1.0");
        Files.createDirectories(api);
        Files.writeString(api.resolve("org.cityeval.api-1.1.0.jar"), "jar");
        Files.writeString(api.resolve("org.cityeval.api-1.1.0.pom"), "pom");
        Path third = Files.createDirectories(sdk.resolve("org/slf4j/slf4j-api/2.0.17"));
        Files.writeString(third.resolve("slf4j-api-2.0.17.jar"), "slf4j");
        Path repo = tmp.resolve("m2");

        SdkCommands.Install first = new SdkCommands.Install();
        first.source = sdk;
        Result r = run(first, "--repo", repo.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("3 files written, 0 already there"), r.out());
        assertTrue(r.out().contains("cityeval artifacts: org.cityeval.api:1.1.0"), r.out());
        assertTrue(r.out().contains("<localRepository>" + repo + "</localRepository>"), r.out());
        assertEquals("jar", Files.readString(repo.resolve("org/cityeval/org.cityeval.api/1.1.0/org.cityeval.api-1.1.0.jar")));

        Files.writeString(api.resolve("org.cityeval.api-1.1.0.jar"), "jar, rebuilt");
        SdkCommands.Install second = new SdkCommands.Install();
        second.source = sdk;
        Result again = run(second, "--repo", repo.toString());
        assertTrue(again.out().contains("1 files written, 2 already there"), again.out());
        assertEquals("jar, rebuilt",
                Files.readString(repo.resolve("org/cityeval/org.cityeval.api/1.1.0/org.cityeval.api-1.1.0.jar")));
    }

    @Test
    void installRefusesAFileAsRepository() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        SdkCommands.Install c = new SdkCommands.Install();
        c.source = Files.createDirectories(tmp.resolve("sdk"));
        Result r = run(c, "--repo", file.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("not a folder"), r.err());
    }
}

package org.cityeval.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher reads its table and properties from the profile and no option from the arguments. */
class MainTest {
    static final Map<String, String> TABLE = Map.of(
            Main.FOLDERS, "bundle/core,models",
            Main.FOLDERS + ".serve", "bundle/core, bundle/server",
            Main.DEFERRED, "bundle/server,bundle/shell",
            Main.LEVEL, "2");

    @Test
    void theFirstWordPicksTheFoldersAndNothingElseIsRead() {
        assertEquals(new Main.Launch(List.of("bundle/core", "bundle/server"), Set.of("bundle/server", "bundle/shell"), 2),
                Main.Launch.of(new String[] { "serve", "--help" }, TABLE));
        // an option first is no command word: the default folders, and the option is left to picocli
        assertEquals(List.of("bundle/core", "models"),
                Main.Launch.of(new String[] { "--port", "serve" }, TABLE).folders());
        assertEquals(List.of("bundle/core", "models"), Main.Launch.of(new String[] { "evaluate" }, TABLE).folders());
        assertEquals(List.of("bundle/core", "models"), Main.Launch.of(new String[0], TABLE).folders());
    }

    @Test
    void aStartLevelThatIsNotANumberIsAStartupError() {
        Main.LaunchException e = assertThrows(Main.LaunchException.class,
                () -> Main.Launch.of(new String[] { "serve" }, Map.of(Main.LEVEL, "two")));
        assertEquals(1, e.code);
    }

    @Test
    void propertiesComeFromConfWithTheHomeFilledIn(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/framework.properties"), """
                felix.fileinstall.dir=${cityeval.home}/models
                felix.fileinstall.filter=.*\\\\.jar
                org.apache.felix.http.jetty.errorPageCustomHeaders=X-Content-Type-Options=nosniff
                cityeval.untouched=${no.such.property}
                """, StandardCharsets.UTF_8);
        Map<String, String> p = Main.frameworkProperties(home);
        assertEquals(home + "/models", p.get("felix.fileinstall.dir"));
        assertEquals(".*\\.jar", p.get("felix.fileinstall.filter"));
        assertEquals("X-Content-Type-Options=nosniff", p.get("org.apache.felix.http.jetty.errorPageCustomHeaders"));
        assertEquals("${no.such.property}", p.get("cityeval.untouched"));
        assertEquals(home.toString(), p.get("cityeval.home"));
    }

    @Test
    void withoutTheProfilesPropertiesTheLauncherSaysWhereItLooked(@TempDir Path home) {
        Main.LaunchException e = assertThrows(Main.LaunchException.class, () -> Main.frameworkProperties(home));
        assertEquals("no " + home.resolve("conf/framework.properties") + "; is cityeval.home right?", e.getMessage());
    }
}

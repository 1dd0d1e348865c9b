package org.cityeval.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the test kit reads from a model project's class folder, and the rules-only view it installs for validation. */
class BundleFilesTest {
    @TempDir
    Path classes;

    @Test
    void rulesOnlyKeepsTheComponentsAndDropsTheModels() throws Exception {
        write("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nBundle-ManifestVersion: 2\nBundle-SymbolicName: acme-model\n"
                + "CityEval-Model: OSGI-INF/cityeval/models/acme-2025.json\n"
                + "Service-Component: OSGI-INF/com.acme.Rule.xml\n"
                + "Provide-Capability: cityeval.model;institution=acme;models:List<String>=\"acme-2025\"\n"
                + "Require-Capability: osgi.extender;filter:=\"(osgi.extender=cityeval.model)\"\n");
        write("OSGI-INF/cityeval/models/acme-2025.json", "{}");
        write("OSGI-INF/com.acme.Rule.xml", "<scr:component name=\"com.acme.Rule\">"
                + "<property name=\"cityeval.rule\" type=\"String\" value=\"acme-ratio\"/></scr:component>");
        write("com/acme/Rule.class", "not really a class");

        assertEquals(List.of("OSGI-INF/cityeval/models/acme-2025.json"), CityevalRuntime.descriptors(classes));
        assertEquals(Set.of("acme-ratio"), CityevalRuntime.ruleNames(classes));

        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(CityevalRuntime.rulesOnly(classes)))) {
            Manifest m = jar.getManifest();
            assertEquals("acme-model.rules", m.getMainAttributes().getValue("Bundle-SymbolicName"));
            assertNull(m.getMainAttributes().getValue("CityEval-Model"));
            assertNull(m.getMainAttributes().getValue("Provide-Capability"));
            assertNull(m.getMainAttributes().getValue("Require-Capability"));
            List<String> names = new ArrayList<>();
            for (JarEntry e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                names.add(e.getName());
            }
            assertEquals(List.of("OSGI-INF/com.acme.Rule.xml", "com/acme/Rule.class"), names);
        }
    }

    @Test
    void aBundleWithoutComponentsHasNoRules() throws Exception {
        write("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nBundle-SymbolicName: plain\n");
        assertEquals(Set.of(), CityevalRuntime.ruleNames(classes));
        assertEquals(List.of(), CityevalRuntime.descriptors(classes));
    }

    private void write(String entry, String content) throws Exception {
        Path p = classes.resolve(entry);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }
}

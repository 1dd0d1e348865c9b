package org.cityeval.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds tiny model bundles for tests: a manifest with the extender header and the descriptors. */
final class TestBundles {
    private TestBundles() {
    }

    static Path modelBundle(Path dir, String symbolicName, Map<String, String> descriptors) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("CityEval-Model", String.join(",", descriptors.keySet()));
        Path jar = dir.resolve(symbolicName + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            for (Map.Entry<String, String> e : descriptors.entrySet()) {
                j.putNextEntry(new JarEntry(e.getKey()));
                j.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }

    /** A valid two-indicator model. */
    static String tinyModel(String id) {
        return """
                {"id": "%s", "title": {"en": "Tiny"}, "institution": {"en": "Test"}, "edition": "1", "year": 2024,
                 "scale": {"kind": "points", "max": 10, "precision": 1},
                 "tree": [
                   {"id": "a", "name": {"en": "A"}, "weight": {"value": 6, "provenance": "published"}},
                   {"id": "b", "name": {"en": "B"}, "weight": {"value": 4, "provenance": "assumed"}}]}
                """.formatted(id);
    }
}

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

    /**
     * A model bundle with one descriptor entry of {@code size} bytes: {@code json} followed by spaces, written in
     * chunks so that a 100 MB entry never exists in memory (it compresses to about 100 KB).
     */
    static Path paddedModelBundle(Path dir, String symbolicName, String entry, String json, long size) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("CityEval-Model", entry);
        Path jar = dir.resolve(symbolicName + ".jar");
        byte[] head = json.getBytes(StandardCharsets.UTF_8);
        byte[] spaces = new byte[1 << 16];
        java.util.Arrays.fill(spaces, (byte) ' ');
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            j.putNextEntry(new JarEntry(entry));
            j.write(head);
            for (long left = size - head.length; left > 0; left -= spaces.length) {
                j.write(spaces, 0, (int) Math.min(spaces.length, left));
            }
            j.closeEntry();
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

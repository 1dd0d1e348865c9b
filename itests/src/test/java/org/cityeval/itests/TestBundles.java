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
     * Builds a bundle from a bnd recipe in {@code itests/src/test/bnd}, as bnd-maven-plugin builds the real ones:
     * classes from this module's test classes (DS component XML generated from the annotations), imports
     * computed against the API jar, resources as the recipe includes them.
     *
     * @return the jar, in {@code dir}, named after the bundle's symbolic name
     */
    static Path fromRecipe(Path dir, String recipe) throws Exception {
        Path recipes = Dist.repo().resolve("itests/src/test/bnd");
        java.io.File testClasses = new java.io.File(TestBundles.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        try (aQute.bnd.osgi.Builder b = new aQute.bnd.osgi.Builder()) {
            b.setBase(recipes.toFile());
            b.setProperties(recipes.resolve(recipe).toFile());
            b.addClasspath(testClasses);
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (entry.contains("org.cityeval.api") || entry.contains("component.annotations")) {
                    b.addClasspath(new java.io.File(entry));
                }
            }
            aQute.bnd.osgi.Jar jar = b.build();
            if (!b.isOk()) {
                throw new AssertionError(recipe + ": " + b.getErrors() + " " + b.getWarnings());
            }
            Path out = dir.resolve(b.getBsn() + ".jar");
            jar.write(out.toFile());
            return out;
        }
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

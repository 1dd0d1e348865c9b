package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.spi.DatasetImporter;
import org.cityeval.itests.tsv.TsvActivator;
import org.cityeval.itests.tsv.TsvImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The importers are whiteboard services in a real framework: the runtime's reader uses whichever is
 * registered, and a bundle installed later adds a format (TSV here) that goes again when it is uninstalled.
 */
class ImporterServicesTest {
    @RegisterExtension
    static final OsgiRuntime runtime = OsgiRuntime.perClass();

    @Test
    void theShippedImportersAreServices() throws Exception {
        runtime.service(DatasetReader.class);
        List<String> names = new ArrayList<>();
        for (ServiceReference<DatasetImporter> ref : runtime.context().getServiceReferences(DatasetImporter.class, null)) {
            names.add(String.valueOf(ref.getProperty("cityeval.importer")));
        }
        assertTrue(names.containsAll(List.of("csv", "json", "xlsx")), names.toString());
        CityDataset d = read("a.csv", "city,digital_support\n杭州,24.3\n");
        assertEquals("330100", d.records().get(0).city().adcode());
    }

    @Test
    void aBundleAddsAnImporterAndTakesItAway(@TempDir Path dir) throws Exception {
        BadInputException before = assertThrows(BadInputException.class, () -> read("a.tsv", "city\tx\n杭州\t1\n"));
        assertTrue(before.getMessage().contains("no importer reads this kind of file"), before.getMessage());

        Bundle b = runtime.context().installBundle("test:tsv", Files.newInputStream(tsvBundle(dir)));
        b.start();
        try {
            CityDataset d = read("a.tsv", "city\tdigital_support\n杭州\t24.3\nBeijing\t26.2\n");
            assertEquals(2, d.records().size());
            assertEquals("110000", d.records().get(1).city().adcode());
            assertEquals(26.2, d.records().get(1).values().get("digital_support"));
            BadInputException bad = assertThrows(BadInputException.class, () -> read("b.tsv", "city\tx\n杭州\tabc\n"));
            assertEquals("b.tsv:2:2: not a number: 'abc'", bad.getMessage());
        } finally {
            b.uninstall();
        }
        assertThrows(BadInputException.class, () -> read("a.tsv", "city\tx\n杭州\t1\n"));
    }

    private static CityDataset read(String name, String content) throws Exception {
        return runtime.service(DatasetReader.class).read(name,
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** The importer's two classes, from the test class path, in a bundle that imports only the API. */
    private static Path tsvBundle(Path dir) throws Exception {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "test.importer.tsv");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", TsvActivator.class.getName());
        a.putValue("Import-Package", "org.cityeval.api.data;version=\"[1.1,2)\",org.cityeval.api.spi;version=\"[1.1,2)\","
                + "org.osgi.framework");
        Path jar = dir.resolve("tsv.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            for (Class<?> c : List.of(TsvImporter.class, TsvActivator.class)) {
                String entry = c.getName().replace('.', '/') + ".class";
                j.putNextEntry(new JarEntry(entry));
                try (InputStream in = c.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(j);
                }
                j.closeEntry();
            }
        }
        return jar;
    }
}

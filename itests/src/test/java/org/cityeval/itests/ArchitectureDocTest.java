package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.OSGiHeader;
import aQute.bnd.header.Parameters;

/**
 * docs/architecture.md follows the code: the bundle table ("## The bundles") has one row for every bundle the
 * build produces (a module under bundles/ with a bnd.bnd), each row's "exports" column lists exactly the
 * packages and versions of that bundle's Export-Package, and no row names a bundle that does not exist. Every
 * bundle that exports packages also has a released baseline in baseline/repository (API baselining needs one).
 *
 * <p>The jars are the modules' own ({@code bundles/<module>/target/<module>-<version>.jar}), built earlier in
 * the same reactor. The exports cell is a comma-separated list of {@code `package` version}; {@code —} for
 * none; other text in the cell (a parenthesis naming a class) is ignored. A row may name several bundles with
 * a trailing {@code .*} ({@code `org.cityeval.model.*`}); it must then match at least one bundle.
 */
class ArchitectureDocTest {
    private static final Path REPO = Dist.repo();
    private static final Path DOC = REPO.resolve("docs/architecture.md");
    /** A table row: | `bundle` | exports | ... */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`[^|]*\\|([^|]*)\\|");
    private static final Pattern EXPORT = Pattern.compile("`([A-Za-z0-9_.]+)`\\s+([0-9]+\\.[0-9]+\\.[0-9]+)");

    @Test
    void bundleTableMatchesTheManifests() throws Exception {
        Map<String, Map<String, String>> rows = table();
        Map<String, Bundle> bundles = bundles();
        List<String> problems = new ArrayList<>();

        Map<String, Integer> rowUse = new TreeMap<>();
        rows.keySet().forEach(r -> rowUse.put(r, 0));
        for (Bundle b : bundles.values()) {
            String row = rowFor(b.name, rows);
            if (row == null) {
                problems.add("no row for bundle " + b.name + " (" + REPO.relativize(b.jar) + "): add\n    | `" + b.name
                        + "` | " + cell(b.exports) + " | <services> | <role> |");
                continue;
            }
            rowUse.merge(row, 1, Integer::sum);
            Map<String, String> documented = rows.get(row);
            if (!documented.equals(b.exports)) {
                List<String> what = new ArrayList<>();
                b.exports.forEach((p, v) -> {
                    String d = documented.get(p);
                    if (d == null) {
                        what.add("`" + p + "` " + v + " is exported but not listed");
                    } else if (!d.equals(v)) {
                        what.add("`" + p + "` is " + d + " in the doc, " + v + " in the manifest");
                    }
                });
                documented.forEach((p, v) -> {
                    if (!b.exports.containsKey(p)) {
                        what.add("`" + p + "` " + v + " is listed but " + b.name + " does not export it");
                    }
                });
                problems.add("row `" + row + "`, exports column, for bundle " + b.name + ": " + String.join("; ", what)
                        + "\n    the column should read: " + cell(b.exports));
            }
            if (!b.exports.isEmpty() && !Files.isDirectory(REPO.resolve("baseline/repository/org/cityeval/" + b.name))) {
                problems.add("bundle " + b.name + " exports " + b.exports.keySet() + " but has no baseline in "
                        + "baseline/repository/org/cityeval/" + b.name + ": cut one (baseline/README.md) and set "
                        + "bnd.baseline.skip to false in its pom");
            }
        }
        rowUse.forEach((row, n) -> {
            if (n == 0) {
                problems.add("row `" + row + "` names no bundle the build produces (modules in bundles/pom.xml "
                        + "with a bnd.bnd): remove or rename it");
            }
        });
        if (!problems.isEmpty()) {
            fail("docs/architecture.md, table \"## The bundles\", does not match the built bundles:\n- "
                    + String.join("\n- ", problems));
        }
    }

    /** The row a bundle belongs to: its own, else the longest matching {@code prefix.*} row. */
    private static String rowFor(String bundle, Map<String, Map<String, String>> rows) {
        if (rows.containsKey(bundle)) {
            return bundle;
        }
        String best = null;
        for (String r : rows.keySet()) {
            if (r.endsWith(".*") && bundle.startsWith(r.substring(0, r.length() - 1))
                    && (best == null || r.length() > best.length())) {
                best = r;
            }
        }
        return best;
    }

    private static String cell(Map<String, String> exports) {
        if (exports.isEmpty()) {
            return "—";
        }
        List<String> out = new ArrayList<>();
        exports.forEach((p, v) -> out.add("`" + p + "` " + v));
        return String.join(", ", out);
    }

    /** The table under "## The bundles": bundle (or prefix.*) → package → version. */
    static Map<String, Map<String, String>> table() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int start = lines.indexOf("## The bundles");
        if (start < 0) {
            fail("docs/architecture.md has no section \"## The bundles\"");
        }
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            Matcher m = ROW.matcher(line);
            if (!m.find()) {
                continue; // the header and the separator
            }
            Map<String, String> exports = new TreeMap<>();
            Matcher e = EXPORT.matcher(m.group(2));
            while (e.find()) {
                exports.put(e.group(1), e.group(2));
            }
            if (rows.put(m.group(1), exports) != null) {
                fail("docs/architecture.md, line " + (i + 1) + ": a second row for `" + m.group(1) + "`");
            }
        }
        return rows;
    }

    record Bundle(String name, Path jar, Map<String, String> exports) {
    }

    /** Every bundle module's jar: modules of bundles/pom.xml that have a bnd.bnd. */
    static Map<String, Bundle> bundles() throws IOException {
        String pom = Files.readString(REPO.resolve("bundles/pom.xml"));
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        Map<String, Bundle> out = new TreeMap<>();
        while (m.find()) {
            Path module = REPO.resolve("bundles").resolve(m.group(1));
            if (!Files.isRegularFile(module.resolve("bnd.bnd"))) {
                continue;
            }
            Path jar = jar(module, m.group(1));
            try (JarFile j = new JarFile(jar.toFile())) {
                Attributes main = j.getManifest().getMainAttributes();
                String name = main.getValue("Bundle-SymbolicName").split(";")[0].trim();
                Map<String, String> exports = new TreeMap<>();
                String header = main.getValue("Export-Package");
                if (header != null) {
                    Parameters ps = OSGiHeader.parseHeader(header);
                    for (Map.Entry<String, Attrs> p : ps.entrySet()) {
                        exports.put(p.getKey(), p.getValue().getVersion() == null ? "0.0.0" : p.getValue().getVersion());
                    }
                }
                out.put(name, new Bundle(name, jar, exports));
            }
        }
        if (out.isEmpty()) {
            fail("no bundle modules found in " + REPO.resolve("bundles/pom.xml"));
        }
        return out;
    }

    private static Path jar(Path module, String artifactId) throws IOException {
        Path target = module.resolve("target");
        List<Path> jars = List.of();
        if (Files.isDirectory(target)) {
            try (Stream<Path> s = Files.list(target)) {
                jars = s.filter(p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(artifactId + "-") && n.endsWith(".jar") && !n.endsWith("-sources.jar")
                            && !n.endsWith("-tests.jar") && !n.endsWith("-javadoc.jar")
                            && n.substring(artifactId.length() + 1).matches("[0-9].*");
                }).toList();
            }
        }
        if (jars.isEmpty()) {
            fail("no bundle jar in " + target + ": build the module first (in the reactor build this test runs after "
                    + "every bundle)");
        }
        // the newest, should an older version's jar still lie there
        Path newest = jars.get(0);
        for (Path j : jars) {
            if (Files.getLastModifiedTime(j).compareTo(Files.getLastModifiedTime(newest)) > 0) {
                newest = j;
            }
        }
        return newest;
    }
}

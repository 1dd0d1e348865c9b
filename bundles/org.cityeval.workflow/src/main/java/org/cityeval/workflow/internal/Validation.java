package org.cityeval.workflow.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.Variable;
import org.cityeval.api.data.VariableCatalog;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ModelLoadError;
import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.RuleDeclaration;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.api.spi.TierRule;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.ValidateRequest;
import org.cityeval.api.workflow.ValidationReport;
import org.cityeval.api.workflow.WorkflowException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code cityeval validate}: the checks of a descriptor (or of every descriptor of a model bundle) that need more
 * than the descriptor. The catalog checks the descriptor as the extender would load it, with the bundle's own rules
 * taken as available; this adds what only the workflow knows: whether each binding names a catalogue variable
 * (of the chosen pack, or of any installed pack), and whether a leaf has data at all.
 * <p>
 * Unbound leaves, the choice: a leaf without a binding reads the column named after its id. Against a pack, an
 * unbound leaf with no such column is a problem when its scoring rule expects a raw statistic (min-max, z-score,
 * ...), since it would silently evaluate as missing; but the seed models score most leaves with {@code direct-points}
 * or {@code share}, whose input is an assessor's points table (a reference or iData file), which no statistics pack
 * carries: such leaves are one warning per descriptor, not a problem, so the seeds validate against
 * {@code china-cities} as they evaluate on it today (with partial coverage). Without a pack, unbound leaves are a
 * warning only.
 */
final class Validation {
    /** The entry a bundle names its descriptors in, as the extender reads it. */
    static final String HEADER = "CityEval-Model";
    /** Scoring rules whose input is points given per leaf (a points table), not a statistic. */
    static final Set<String> POINTS_RULES = Set.of("direct-points", "share");
    private static final String DEFAULT_SCORING = "direct-points";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> RULE_SERVICES = List.of(ScoringRule.class.getName(),
            AggregationRule.class.getName(), TierRule.class.getName(), GroupingRule.class.getName());

    /** Reads a data pack, with the workflow's cache. */
    @FunctionalInterface
    interface Packs {
        CityDataset read(String name) throws IOException, BadInputException;
    }

    private final ModelCatalog catalog;
    private final VariableCatalog variables;
    private final Packs packs;

    Validation(ModelCatalog catalog, VariableCatalog variables, Packs packs) {
        this.catalog = catalog;
        this.variables = variables;
        this.packs = packs;
    }

    /** One descriptor to check, named for messages. */
    record Descriptor(String name, byte[] bytes) {
    }

    ValidationReport validate(ValidateRequest request) throws IOException {
        DataSource source = request.source();
        List<Descriptor> descriptors = new ArrayList<>();
        List<RuleDeclaration> rules = new ArrayList<>();
        List<ModelLoadError> problems = new ArrayList<>();
        List<ModelLoadError> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String[] bsn = new String[1];
        String shown;
        switch (source.kind()) {
        case INLINE -> {
            shown = source.name();
            descriptors.add(new Descriptor(source.name(), source.content()));
        }
        case FILE -> {
            Path file = source.path();
            shown = file.toString();
            if (Files.isDirectory(file)) {
                bsn[0] = folder(file, descriptors, rules, problems);
            } else if (!Files.exists(file)) {
                throw WorkflowException.notFound(file + ": no such file");
            } else if (file.getFileName().toString().endsWith(".jar")) {
                bsn[0] = jar(file, descriptors, rules, problems);
            } else {
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] bytes = in.readNBytes(ModelCatalog.MAX_DESCRIPTOR_BYTES + 1);
                    descriptors.add(new Descriptor(file.toString(), bytes));
                } catch (NoSuchFileException e) {
                    throw WorkflowException.notFound(file + ": no such file");
                }
            }
        }
        default -> throw WorkflowException.invalid(source + ": validate a descriptor (.json), a bundle (.jar) or a "
                + "bundle's class folder");
        }
        for (String name : request.rules()) {
            // named on the command line without a kind: taken as a rule of any kind, parameters unchecked
            for (String service : RULE_SERVICES) {
                rules.add(new RuleDeclaration(service, name, null));
            }
        }
        if (!rules.isEmpty()) {
            Set<String> names = new TreeSet<>();
            rules.forEach(r -> names.add(r.name()));
            notes.add("rules taken as available beside the runtime's: " + String.join(", ", names));
        }
        Known known = known(request.pack(), notes);
        List<String> models = new ArrayList<>();
        for (Descriptor d : descriptors) {
            if (d.bytes().length > ModelCatalog.MAX_DESCRIPTOR_BYTES) {
                // read no further than the limit and one byte: a 100 MB file costs no more than a good one
                problems.add(new ModelLoadError("-", d.name(), "$", "descriptor is larger than the limit of "
                        + ModelCatalog.MAX_DESCRIPTOR_BYTES + " bytes"));
                continue;
            }
            ValidationReport r = catalog.check(d.name(), d.bytes(), rules);
            int before = problems.size();
            problems.addAll(r.problems());
            warnings.addAll(r.warnings());
            notes.addAll(r.notes());
            bindings(d, known, problems, warnings);
            if (problems.size() == before) {
                models.addAll(r.models()); // each descriptor of a bundle loads, or not, on its own
            }
            for (String id : r.models()) {
                // an update replaces the model only from the same bundle: another bundle's id is refused on deploy
                catalog.find(id).filter(loaded -> bsn[0] != null && !loaded.bundle().equals(bsn[0]))
                        .ifPresent(loaded -> warnings.add(new ModelLoadError("-", d.name(), "$.id", "model id '" + id
                                + "' is served by bundle " + loaded.bundle() + "; this bundle (" + bsn[0]
                                + ") would not load it while that one is installed: update that bundle instead")));
            }
        }
        return new ValidationReport(shown, models, problems, warnings, notes);
    }

    // --- sources -------------------------------------------------------------------------------------------------

    /** @return the bundle's symbolic name */
    private static String jar(Path file, List<Descriptor> descriptors, List<RuleDeclaration> rules,
            List<ModelLoadError> problems) throws IOException {
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest mf = jar.getManifest();
            if (mf == null) {
                throw WorkflowException.invalid(file + ": a jar without META-INF/MANIFEST.MF is not a bundle");
            }
            for (String path : header(mf)) {
                ZipEntry e = jar.getEntry(path);
                String name = file + "!/" + path;
                if (e == null) {
                    problems.add(new ModelLoadError("-", name, "$", "the " + HEADER + " header names '" + path
                            + "' but the bundle has no such entry"));
                    continue;
                }
                try (InputStream in = jar.getInputStream(e)) {
                    descriptors.add(new Descriptor(name, in.readNBytes(ModelCatalog.MAX_DESCRIPTOR_BYTES + 1)));
                }
            }
            if (header(mf).isEmpty()) {
                problems.add(new ModelLoadError("-", file.toString(), "$", "no " + HEADER + " header in its manifest: "
                        + "the runtime would find no model in this bundle"));
            }
            for (Iterator<java.util.jar.JarEntry> it = jar.entries().asIterator(); it.hasNext();) {
                java.util.jar.JarEntry e = it.next();
                if (isComponentXml(e.getName())) {
                    try (InputStream in = jar.getInputStream(e)) {
                        components(file + "!/" + e.getName(), in, rules, problems);
                    }
                }
            }
            return symbolicName(mf);
        }
    }

    private static String symbolicName(Manifest mf) {
        String bsn = mf.getMainAttributes().getValue("Bundle-SymbolicName");
        return bsn == null ? null : bsn.split(";")[0].trim();
    }

    /** @return the bundle's symbolic name */
    private static String folder(Path dir, List<Descriptor> descriptors, List<RuleDeclaration> rules,
            List<ModelLoadError> problems) throws IOException {
        Path manifest = dir.resolve("META-INF/MANIFEST.MF");
        if (!Files.isRegularFile(manifest)) {
            throw WorkflowException.invalid(dir + ": a folder is validated as a bundle's class folder, which has "
                    + "META-INF/MANIFEST.MF (run the build first)");
        }
        Manifest mf;
        try (InputStream in = Files.newInputStream(manifest)) {
            mf = new Manifest(in);
        }
        List<String> paths = header(mf);
        if (paths.isEmpty()) {
            problems.add(new ModelLoadError("-", manifest.toString(), "$", "no " + HEADER + " header: the runtime "
                    + "would find no model in this bundle"));
        }
        for (String path : paths) {
            Path entry = dir.resolve(path).normalize();
            if (!entry.startsWith(dir.normalize()) || !Files.isRegularFile(entry)) {
                problems.add(new ModelLoadError("-", dir + "/" + path, "$", "the " + HEADER + " header names '" + path
                        + "' but the bundle has no such entry"));
                continue;
            }
            try (InputStream in = Files.newInputStream(entry)) {
                descriptors.add(new Descriptor(entry.toString(), in.readNBytes(ModelCatalog.MAX_DESCRIPTOR_BYTES + 1)));
            }
        }
        Path osgiInf = dir.resolve("OSGI-INF");
        if (Files.isDirectory(osgiInf)) {
            try (Stream<Path> files = Files.list(osgiInf)) {
                for (Path xml : files.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(xml)) {
                        components(xml.toString(), in, rules, problems);
                    }
                }
            }
        }
        return symbolicName(mf);
    }

    private static List<String> header(Manifest mf) {
        String h = mf.getMainAttributes().getValue(HEADER);
        List<String> out = new ArrayList<>();
        if (h != null) {
            for (String p : h.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.trim());
                }
            }
        }
        return out;
    }

    /** DS component descriptions sit directly in OSGI-INF (bnd writes them there). */
    private static boolean isComponentXml(String entry) {
        return entry.startsWith("OSGI-INF/") && entry.endsWith(".xml") && entry.indexOf('/', "OSGI-INF/".length()) < 0;
    }

    /**
     * The rules a DS component description declares: a component providing a rule interface with a
     * {@code cityeval.rule} property, and its {@code cityeval.rule.parameters}. Read as data: no class is loaded.
     */
    static void components(String name, InputStream in, List<RuleDeclaration> rules, List<ModelLoadError> problems) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            doc = b.parse(in);
        } catch (Exception e) {
            problems.add(new ModelLoadError("-", name, "$", "not a readable component description: " + e.getMessage()));
            return;
        }
        for (Element component : children(doc, "component")) {
            Map<String, Object> props = new LinkedHashMap<>();
            for (Element p : children(component, "property")) {
                String key = p.getAttribute("name");
                if (p.hasAttribute("value")) {
                    props.put(key, p.getAttribute("value"));
                } else {
                    // a multi-valued property: one value a line
                    List<String> values = new ArrayList<>();
                    for (String line : p.getTextContent().split("\\R")) {
                        if (!line.isBlank()) {
                            values.add(line.trim());
                        }
                    }
                    props.put(key, values);
                }
            }
            Object rule = props.get(Rules.NAME);
            if (!(rule instanceof String ruleName) || ruleName.isBlank()) {
                continue;
            }
            for (Element service : children(component, "service")) {
                for (Element provide : children(service, "provide")) {
                    String iface = provide.getAttribute("interface");
                    if (RULE_SERVICES.contains(iface)) {
                        rules.add(new RuleDeclaration(iface, ruleName,
                                Rules.parameters(props.get(Rules.PARAMETERS)).orElse(null)));
                    }
                }
            }
        }
    }

    /** Descendants with this local name, any namespace. */
    private static List<Element> children(Node parent, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList all = parent instanceof Document d ? d.getElementsByTagNameNS("*", localName)
                : ((Element) parent).getElementsByTagNameNS("*", localName);
        for (int i = 0; i < all.getLength(); i++) {
            out.add((Element) all.item(i));
        }
        return out;
    }

    // --- variables -----------------------------------------------------------------------------------------------

    /** The variable ids a binding may name, and what they are ("pack china-cities"), or null when unknown. */
    record Known(Set<String> ids, String what, boolean pack) {
    }

    private Known known(String pack, List<String> notes) throws IOException {
        if (pack != null) {
            CityDataset data;
            try {
                data = packs.read(pack);
            } catch (BadInputException e) {
                throw WorkflowException.invalid("data pack " + WorkflowException.quote(pack) + " cannot be read: "
                        + e.getMessage());
            }
            return new Known(new LinkedHashSet<>(data.valueColumns()), "pack " + pack, true);
        }
        VariableCatalog catalogue = variables;
        if (catalogue == null) {
            notes.add("no variable catalogue in this runtime (bundle org.cityeval.data): binding variables not checked");
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Variable v : catalogue.variables()) {
            ids.add(v.id());
        }
        return new Known(ids, "the variable catalogue", false);
    }

    /** Binding variables and unbound leaves of one descriptor, read from its JSON as far as it is readable. */
    private static void bindings(Descriptor d, Known known, List<ModelLoadError> problems, List<ModelLoadError> warnings) {
        if (known == null || d.bytes().length > ModelCatalog.MAX_DESCRIPTOR_BYTES) {
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(new ByteArrayInputStream(d.bytes()));
        } catch (IOException | RuntimeException e) {
            return; // the catalog has reported it
        }
        if (root == null || !root.isObject() || !root.path("tree").isArray()) {
            return;
        }
        String defaultScoring = ruleName(root.path("defaults").get("scoring"), DEFAULT_SCORING);
        Set<String> indicatorIds = new LinkedHashSet<>();
        collectIds(root.get("tree"), indicatorIds);
        List<String> pointsLeaves = new ArrayList<>();
        List<String> unbound = new ArrayList<>();
        walk(root.get("tree"), "$.tree", (node, path) -> {
            boolean leaf = !node.path("children").isArray() || node.path("children").isEmpty();
            JsonNode binding = node.get("binding");
            if (binding != null && binding.path("variables").isArray()) {
                JsonNode vs = binding.get("variables");
                for (int i = 0; i < vs.size(); i++) {
                    String v = vs.get(i).asText("");
                    if (v.isBlank() || known.ids().contains(v) || indicatorIds.contains(v)) {
                        continue;
                    }
                    String near = Suggestions.nearest(v, known.ids());
                    problems.add(new ModelLoadError("-", d.name(), path + ".binding.variables[" + i + "]", "'" + v
                            + "' is not a variable of " + known.what()
                            + (near == null ? "" : "; did you mean '" + near + "'?")));
                }
            } else if (leaf && binding == null) {
                String id = node.path("id").asText("");
                if (id.isEmpty() || known.pack() && known.ids().contains(id)) {
                    return;
                }
                String scoring = ruleName(node.get("scoring"), defaultScoring);
                if (known.pack() && !POINTS_RULES.contains(scoring)) {
                    problems.add(new ModelLoadError("-", d.name(), path, "leaf '" + id + "' has no binding and "
                            + known.what() + " has no column '" + id + "', so it would have no data; bind it to a "
                            + "catalogue variable (\"binding\": {\"variables\": [...]})"));
                } else if (known.pack()) {
                    pointsLeaves.add(id);
                } else {
                    unbound.add(id);
                }
            }
        });
        if (!pointsLeaves.isEmpty()) {
            warnings.add(new ModelLoadError("-", d.name(), "$.tree", pointsLeaves.size() + " leaves have no binding and "
                    + "no column in " + known.what() + "; they are scored from given points ("
                    + String.join("/", new TreeSet<>(POINTS_RULES)) + "), so their data come from a points table, "
                    + "and on this pack they count as missing: " + shortList(pointsLeaves)));
        }
        if (!unbound.isEmpty()) {
            warnings.add(new ModelLoadError("-", d.name(), "$.tree", unbound.size() + " leaves have no binding: they "
                    + "read a column named after their id (give --pack to check a pack has them): " + shortList(unbound)));
        }
    }

    private static String shortList(List<String> ids) {
        return ids.size() <= 8 ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, 8)) + ", … (" + (ids.size() - 8) + " more)";
    }

    private static String ruleName(JsonNode r, String otherwise) {
        if (r == null || r.isNull()) {
            return otherwise;
        }
        return r.isTextual() ? r.asText() : r.path("rule").asText(otherwise);
    }

    private static void collectIds(JsonNode array, Set<String> ids) {
        walk(array, "$", (node, path) -> {
            if (node.path("id").isTextual()) {
                ids.add(node.get("id").asText());
            }
        });
    }

    @FunctionalInterface
    private interface Visitor {
        void visit(JsonNode node, String path);
    }

    /** Depth-first over indicators, with their JSON paths; bounded by the JSON depth the catalog allows. */
    private static void walk(JsonNode array, String path, Visitor visitor) {
        if (array == null || !array.isArray()) {
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                continue;
            }
            String p = path + "[" + i + "]";
            visitor.visit(node, p);
            walk(node.get("children"), p + ".children", visitor);
        }
    }
}

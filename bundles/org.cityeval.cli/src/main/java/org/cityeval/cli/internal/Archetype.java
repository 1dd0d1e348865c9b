package org.cityeval.cli.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A Maven archetype jar expanded the way {@code mvn archetype:generate} (maven-archetype-plugin 3.x, Velocity 2
 * with its default "lines" space gobbling) expands it, so that {@code cityeval new-model} and
 * {@code archetype:generate} give the same files: {@code META-INF/maven/archetype-metadata.xml}'s required
 * properties (with their default values, which may refer to earlier properties) and file sets (directory,
 * includes, excludes, filtered, packaged); {@code __property__} in paths; the project's {@code pom.xml}.
 * <p>
 * Velocity is covered as far as project templates use it: references ({@code $x}, {@code ${x}}, {@code $!x};
 * an undefined reference, or a property or method of one, stays as it is written), {@code #if}/{@code #elseif}/
 * {@code #else}/{@code #end} with {@code ==}, {@code !=}, {@code !}, {@code &&}, {@code ||} on references and
 * string literals, {@code #set}, comments ({@code ##}, {@code #* *#}) and unparsed blocks ({@code #[[ ]]#}). A
 * template using anything else is refused with the file and the directive named, rather than expanded wrongly.
 * The post-generation script ({@code META-INF/archetype-post-generate.groovy}) is not run: {@link
 * #postGenerate} does what the cityeval archetype's script does.
 */
final class Archetype {
    private static final String RESOURCES = "archetype-resources/";
    private static final String METADATA = "META-INF/maven/archetype-metadata.xml";

    record Property(String key, String defaultValue) {
    }

    record FileSet(String directory, boolean filtered, boolean packaged, List<String> includes, List<String> excludes) {
    }

    private final Path jar;
    private final List<Property> properties = new ArrayList<>();
    private final List<FileSet> fileSets = new ArrayList<>();
    private final Map<String, byte[]> resources = new TreeMap<>();

    Archetype(Path jar) throws IOException {
        this.jar = jar;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry meta = zip.getEntry(METADATA);
            if (meta == null) {
                throw new IOException(jar + ": not an archetype (no " + METADATA + ")");
            }
            try (InputStream in = zip.getInputStream(meta)) {
                readMetadata(in.readAllBytes());
            }
            for (var e = zip.entries(); e.hasMoreElements();) {
                ZipEntry z = e.nextElement();
                if (!z.isDirectory() && z.getName().startsWith(RESOURCES)) {
                    try (InputStream in = zip.getInputStream(z)) {
                        resources.put(z.getName().substring(RESOURCES.length()), in.readAllBytes());
                    }
                }
            }
        }
    }

    List<Property> properties() {
        return properties;
    }

    private void readMetadata(byte[] xml) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
            for (Element p : children(root, "requiredProperties", "requiredProperty")) {
                Element d = child(p, "defaultValue");
                properties.add(new Property(p.getAttribute("key"), d == null ? null : d.getTextContent()));
            }
            for (Element s : children(root, "fileSets", "fileSet")) {
                Element dir = child(s, "directory");
                fileSets.add(new FileSet(dir == null ? "" : dir.getTextContent().trim(),
                        "true".equals(s.getAttribute("filtered")), "true".equals(s.getAttribute("packaged")),
                        texts(s, "includes", "include"), texts(s, "excludes", "exclude")));
            }
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException(jar + " " + METADATA + ": " + e.getMessage(), e);
        }
    }

    /**
     * The archetype's files for these properties, by path relative to the project folder, in the order of the
     * archetype's listing. {@code values} must hold groupId, artifactId, version and package and every required
     * property (see {@link #complete}).
     */
    Map<String, byte[]> expand(Map<String, String> values) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        byte[] pom = resources.get("pom.xml");
        if (pom != null) {
            out.put("pom.xml", render("pom.xml", pom, values));
        }
        String packagePath = values.getOrDefault("package", "").replace('.', '/');
        for (FileSet set : fileSets) {
            String base = set.directory().isEmpty() ? "" : set.directory() + "/";
            for (Map.Entry<String, byte[]> r : resources.entrySet()) {
                String name = r.getKey();
                if (!name.startsWith(base) || name.equals("pom.xml") && base.isEmpty()) {
                    continue;
                }
                String rest = name.substring(base.length());
                if (!matchesAny(set.includes(), rest, true) || matchesAny(set.excludes(), rest, false)) {
                    continue;
                }
                String target = base + (set.packaged() && !packagePath.isEmpty() ? packagePath + "/" : "") + rest;
                target = replaceTokens(target, values);
                if (out.containsKey(target)) {
                    continue;
                }
                out.put(target, set.filtered() ? render(name, r.getValue(), values) : r.getValue());
            }
        }
        return out;
    }

    /**
     * What the cityeval archetype's {@code META-INF/archetype-post-generate.groovy} does after generation (the
     * script is not run here; the two must change together): {@code withRule=true} puts the descriptor of
     * {@code src/rule-variant} in place of the plain one; otherwise the rule's sources ({@code src/main/java})
     * and its test ({@code *RuleTest.java}) go. {@code src/rule-variant} goes either way.
     */
    static Map<String, byte[]> postGenerate(Map<String, byte[]> files, Map<String, String> values) {
        Map<String, byte[]> out = new LinkedHashMap<>(files);
        String id = values.get("modelId");
        String variant = "src/rule-variant/" + id + ".json";
        String descriptor = "src/main/resources/OSGI-INF/cityeval/models/" + id + ".json";
        if (Boolean.parseBoolean(values.getOrDefault("withRule", "false"))) {
            if (out.containsKey(variant)) {
                out.put(descriptor, out.remove(variant));
            }
        } else {
            out.keySet().removeIf(k -> k.startsWith("src/main/java/")
                    || k.startsWith("src/test/java/") && k.endsWith("RuleTest.java"));
        }
        out.keySet().removeIf(k -> k.startsWith("src/rule-variant/"));
        return out;
    }

    /** Adds the default values (archetype's, then Maven's) of properties not given; names the first one missing. */
    Map<String, String> complete(Map<String, String> given) throws IOException {
        Map<String, String> v = new LinkedHashMap<>(given);
        for (Property p : properties) {
            if (!v.containsKey(p.key()) && p.defaultValue() != null) {
                v.put(p.key(), new String(render("defaultValue of " + p.key(),
                        p.defaultValue().getBytes(StandardCharsets.UTF_8), v), StandardCharsets.UTF_8));
            }
        }
        v.putIfAbsent("version", "1.0-SNAPSHOT");
        if (v.get("groupId") != null) {
            v.putIfAbsent("package", v.get("groupId"));
        }
        for (String required : List.of("groupId", "artifactId")) {
            if (v.get(required) == null) {
                throw new IOException("property '" + required + "' is needed and has no default");
            }
        }
        for (Property p : properties) {
            if (v.get(p.key()) == null) {
                throw new IOException("property '" + p.key() + "' of " + jar.getFileName()
                        + " is needed and has no default; give it with -P " + p.key() + "=VALUE");
            }
        }
        return v;
    }

    private static String replaceTokens(String path, Map<String, String> values) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            path = path.replace("__" + e.getKey() + "__", e.getValue());
        }
        return path;
    }

    private static boolean matchesAny(List<String> patterns, String path, boolean emptyMeansAll) {
        if (patterns.isEmpty()) {
            return emptyMeansAll;
        }
        for (String p : patterns) {
            if (glob(p.trim()).matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    /** An Ant-style pattern (as the archetype plugin reads includes and excludes) as a regular expression. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                boolean slash = i + 2 < pattern.length() && pattern.charAt(i + 2) == '/';
                re.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    static byte[] render(String file, byte[] template, Map<String, String> values) throws IOException {
        try {
            return new Velocity(file, new String(template, StandardCharsets.UTF_8), values).render()
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static List<Element> children(Element root, String wrapper, String name) {
        List<Element> out = new ArrayList<>();
        Element w = child(root, wrapper);
        if (w != null) {
            NodeList nl = w.getChildNodes();
            for (int i = 0; i < nl.getLength(); i++) {
                if (nl.item(i) instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static List<String> texts(Element e, String wrapper, String name) {
        List<String> out = new ArrayList<>();
        for (Element c : children(e, wrapper, name)) {
            out.add(c.getTextContent().trim());
        }
        return out;
    }

    private static Element child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && name.equals(c.getLocalName() != null ? c.getLocalName() : c.getTagName())) {
                return c;
            }
        }
        return null;
    }

    /** The Velocity subset described above. */
    static final class Velocity {
        private final String file;
        private final String text;
        private final Map<String, String> vars;
        private int pos;

        Velocity(String file, String text, Map<String, String> values) {
            this.file = file;
            this.text = text;
            this.vars = new LinkedHashMap<>(values);
        }

        String render() {
            StringBuilder out = new StringBuilder();
            block(out, true, false);
            if (pos < text.length()) {
                throw error("#" + "end without #if");
            }
            return out.toString();
        }

        private IllegalArgumentException error(String what) {
            int line = 1;
            for (int i = 0; i < Math.min(pos, text.length()); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return new IllegalArgumentException(file + " line " + line + ": " + what
                    + " (cityeval new-model expands a subset of Velocity; use mvn archetype:generate)");
        }

        /**
         * Renders up to an #elseif/#else/#end at this level (left unread) or the end. {@code emit} false skips.
         * Returns the directive that stopped it, or null at the end of the text.
         */
        private String block(StringBuilder out, boolean emit, boolean inIf) {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                boolean lineStart = pos == 0 || text.charAt(pos - 1) == '\n';
                if (lineStart) {
                    // a line holding only a directive (or only a comment) disappears whole: Velocity 2's "lines"
                    Matcher comment = Pattern.compile("[ \\t]*##[^\\n]*(\\n|$)").matcher(text).region(pos, text.length());
                    if (comment.lookingAt()) {
                        pos = comment.end();
                        continue;
                    }
                    int ws = pos;
                    while (ws < text.length() && (text.charAt(ws) == ' ' || text.charAt(ws) == '\t')) {
                        ws++;
                    }
                    if (ws < text.length() && text.charAt(ws) == '#' && aloneOnLine(ws)) {
                        pos = ws;
                        String stop = directive(directiveName(), out, emit, inIf, true);
                        if (stop != null) {
                            return stop;
                        }
                        continue;
                    }
                }
                if (c == '#') {
                    if (text.startsWith("##", pos)) {
                        int nl = text.indexOf('\n', pos);
                        pos = nl < 0 ? text.length() : nl;
                        continue;
                    }
                    if (text.startsWith("#*", pos)) {
                        int e = text.indexOf("*#", pos + 2);
                        if (e < 0) {
                            throw error("unclosed #*");
                        }
                        pos = e + 2;
                        continue;
                    }
                    if (text.startsWith("#[[", pos)) {
                        int e = text.indexOf("]]#", pos + 3);
                        if (e < 0) {
                            throw error("unclosed #[[");
                        }
                        if (emit) {
                            out.append(text, pos + 3, e);
                        }
                        pos = e + 3;
                        continue;
                    }
                    String d = directiveName();
                    if (d != null) {
                        String stop = directive(d, out, emit, inIf, false);
                        if (stop != null) {
                            return stop;
                        }
                        continue;
                    }
                    if (pos + 1 < text.length() && (Character.isLetter(text.charAt(pos + 1)) || text.charAt(pos + 1) == '{')
                            && !text.startsWith("#{", pos) ) {
                        String word = text.substring(pos + 1).replaceAll("(?s)^([A-Za-z]+).*", "$1");
                        if (List.of("foreach", "macro", "include", "parse", "define", "evaluate", "break", "stop")
                                .contains(word)) {
                            throw error("#" + word + " is not supported");
                        }
                    }
                    if (emit) {
                        out.append(c);
                    }
                    pos++;
                } else if (c == '\\' && pos + 1 < text.length() && (text.charAt(pos + 1) == '$' || text.charAt(pos + 1) == '#')) {
                    // \$x renders $x when x is defined, else stays \$x (Velocity's escaping)
                    int save = pos;
                    pos++;
                    if (text.charAt(pos) == '$') {
                        int start = pos;
                        Ref r = reference();
                        if (r != null && r.defined) {
                            if (emit) {
                                out.append(text, start, pos);
                            }
                        } else {
                            if (emit) {
                                out.append(text, save, pos == start ? start + 1 : pos);
                            }
                            if (pos == start) {
                                pos++;
                            }
                        }
                    } else {
                        if (emit) {
                            out.append("\\#");
                        }
                        pos++;
                    }
                } else if (c == '$') {
                    int start = pos;
                    Ref r = reference();
                    if (r == null) {
                        if (emit) {
                            out.append(c);
                        }
                        pos = start + 1;
                    } else if (emit) {
                        out.append(r.defined ? r.value : r.quiet ? "" : text.substring(start, pos));
                    }
                } else {
                    if (emit) {
                        out.append(c);
                    }
                    pos++;
                }
            }
            if (inIf) {
                throw error("#if without #end");
            }
            return null;
        }

        /** At '#': the directive's name if one of ours starts here (pos moves past it), else null. */
        private String directiveName() {
            Matcher m = Pattern.compile("#(?:\\{(if|elseif|else|end|set)\\}|(if|elseif|else|end|set)(?![A-Za-z0-9_]))")
                    .matcher(text).region(pos, text.length());
            if (!m.lookingAt()) {
                return null;
            }
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            pos = m.end();
            return name;
        }

        /** Handles one directive; returns the name of a block end it met (elseif/else/end), else null. */
        private String directive(String d, StringBuilder out, boolean emit, boolean inIf, boolean ownLine) {
            switch (d) {
                case "if" -> {
                    boolean cond = condition();
                    gobble(ownLine);
                    boolean taken = false;
                    boolean run = cond;
                    while (true) {
                        String stop = block(out, emit && run && !taken, true);
                        taken |= run;
                        if ("end".equals(stop)) {
                            gobble(ownLineAt());
                            return null;
                        }
                        if ("else".equals(stop)) {
                            gobble(ownLineAt());
                            run = !taken;
                        } else if ("elseif".equals(stop)) {
                            run = !taken && condition();
                            gobble(ownLineAt());
                        } else {
                            throw error("#if without #end");
                        }
                    }
                }
                case "elseif", "else", "end" -> {
                    if (!inIf) {
                        throw error("#" + d + " without #if");
                    }
                    lastOwnLine = ownLine;
                    return d;
                }
                case "set" -> {
                    skipSpaces();
                    expect('(');
                    skipSpaces();
                    int start = pos;
                    Ref r = reference();
                    if (r == null || r.name.contains(".")) {
                        pos = start;
                        throw error("#set needs a simple $reference");
                    }
                    skipSpaces();
                    expect('=');
                    skipSpaces();
                    String v = operand();
                    skipSpaces();
                    expect(')');
                    if (emit) {
                        vars.put(r.name, v);
                    }
                    gobble(ownLine);
                    return null;
                }
                default -> throw error("#" + d);
            }
        }

        private boolean lastOwnLine;

        /** Whether the directive at {@code at} is alone on its line (then the whole line goes: "lines" gobbling). */
        private boolean aloneOnLine(int at) {
            int save = pos;
            try {
                pos = at;
                String d = directiveName();
                if (d == null) {
                    return false;
                }
                if (d.equals("if") || d.equals("elseif")) {
                    condition();
                } else if (d.equals("set")) {
                    int e = text.indexOf(')', pos);
                    if (e < 0) {
                        return false;
                    }
                    pos = e + 1;
                }
                while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t' || text.charAt(pos) == '\r')) {
                    pos++;
                }
                return pos >= text.length() || text.charAt(pos) == '\n';
            } catch (IllegalArgumentException e) {
                return false;
            } finally {
                pos = save;
            }
        }

        private boolean ownLineAt() {
            return lastOwnLine;
        }

        /** After a directive alone on its line: the rest of the line (spaces and the newline) goes too. */
        private void gobble(boolean ownLine) {
            if (!ownLine) {
                return;
            }
            int p = pos;
            while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                p++;
            }
            if (p < text.length() && text.charAt(p) == '\r') {
                p++;
            }
            if (p >= text.length() || text.charAt(p) == '\n') {
                pos = Math.min(p + 1, text.length());
            }
        }

        private boolean condition() {
            skipSpaces();
            expect('(');
            boolean v = or();
            skipSpaces();
            expect(')');
            return v;
        }

        private boolean or() {
            boolean v = and();
            while (true) {
                skipSpaces();
                if (text.startsWith("||", pos)) {
                    pos += 2;
                    v |= and();
                } else {
                    return v;
                }
            }
        }

        private boolean and() {
            boolean v = unary();
            while (true) {
                skipSpaces();
                if (text.startsWith("&&", pos)) {
                    pos += 2;
                    v &= unary();
                } else {
                    return v;
                }
            }
        }

        private boolean unary() {
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == '!' && !text.startsWith("!=", pos)) {
                pos++;
                return !unary();
            }
            if (pos < text.length() && text.charAt(pos) == '(') {
                pos++;
                boolean v = or();
                skipSpaces();
                expect(')');
                return v;
            }
            String left = operand();
            skipSpaces();
            if (text.startsWith("==", pos) || text.startsWith("!=", pos)) {
                boolean eq = text.charAt(pos) == '=';
                pos += 2;
                skipSpaces();
                String right = operand();
                return eq == java.util.Objects.equals(left, right);
            }
            // Velocity 2: a reference is true when defined and, a string, not empty (the string "false" is true)
            return left != null && !left.isEmpty();
        }

        private String operand() {
            skipSpaces();
            if (pos >= text.length()) {
                throw error("unexpected end in a directive");
            }
            char c = text.charAt(pos);
            if (c == '"' || c == '\'') {
                int e = text.indexOf(c, pos + 1);
                if (e < 0) {
                    throw error("unclosed string");
                }
                String s = text.substring(pos + 1, e);
                pos = e + 1;
                if (c == '"') {
                    s = new Velocity(file, s, vars).render();
                }
                return s;
            }
            if (c == '$') {
                Ref r = reference();
                if (r == null) {
                    throw error("bad reference");
                }
                return r.defined ? r.value : null;
            }
            if (text.startsWith("true", pos) || text.startsWith("false", pos)) {
                String s = text.startsWith("true", pos) ? "true" : "false";
                pos += s.length();
                return s;
            }
            Matcher n = Pattern.compile("-?[0-9]+").matcher(text).region(pos, text.length());
            if (n.lookingAt()) {
                pos = n.end();
                return n.group();
            }
            throw error("unsupported expression at '" + text.substring(pos, Math.min(text.length(), pos + 20)) + "'");
        }

        private record Ref(String name, boolean defined, String value, boolean quiet) {
        }

        /** At '$': a reference (pos moves past it), or null when none starts here (pos unchanged). */
        private Ref reference() {
            Matcher m = Pattern.compile("\\$(!)?(\\{)?([A-Za-z][A-Za-z0-9_-]*)((?:\\.[A-Za-z][A-Za-z0-9_]*(?:\\([^)]*\\))?)*)(\\})?")
                    .matcher(text).region(pos, text.length());
            if (!m.lookingAt()) {
                return null;
            }
            boolean braced = m.group(2) != null;
            if (braced && m.group(5) == null) {
                return null;
            }
            String name = m.group(3);
            String tail = m.group(4);
            if (!braced) {
                // '-' ends an unbraced name in Velocity 2 only when not followed by a letter; keep it simple
                int dash = name.indexOf('-');
                if (dash >= 0) {
                    name = name.substring(0, dash);
                    tail = "";
                    pos = m.start(3) + name.length();
                    String value = vars.get(name);
                    return new Ref(name, value != null, value, m.group(1) != null);
                }
            }
            pos = m.end();
            if (!braced && m.group(5) != null) {
                pos--;
            }
            String value = vars.get(name);
            // a property or method of a string is not something a template here needs: treated as undefined
            boolean defined = value != null && tail.isEmpty();
            return new Ref(tail.isEmpty() ? name : name + tail, defined, defined ? value : null, m.group(1) != null);
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private void expect(char c) {
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }
    }
}

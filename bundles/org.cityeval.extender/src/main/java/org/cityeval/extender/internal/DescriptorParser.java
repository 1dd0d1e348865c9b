package org.cityeval.extender.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.cityeval.api.model.Binding;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.GroupScheme;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.ReferenceData;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.model.Scale;
import org.cityeval.api.model.Tier;
import org.cityeval.api.model.TierScheme;
import org.cityeval.api.model.Weight;
import org.cityeval.api.service.ModelCatalog;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads and validates a model descriptor. Pure logic: the extender feeds it bytes and a view of the
 * rule names the runtime knows. Every problem is reported with the JSON path where it is.
 * <p>
 * Strict on purpose: unknown fields are errors (a misspelt {@code "weigth"} would otherwise silently
 * become an assumed weight), weights must add up, ids must be unique, rule names must be known, rule parameters
 * must be ones the rule declares.
 * <p>
 * Every problem, not the first: a bad field or node is recorded and its siblings are read on (a descriptor
 * broken three ways reports three problems), each level's weights are checked unless one of them is itself
 * unreadable, and the model is built only when there is no problem at all, so a broken descriptor never loads
 * half. Only a crossed read limit (size, depth, node count) or more than {@link #MAX_PROBLEMS} problems stops the
 * reading early.
 * <p>
 * Stages: {@link DescriptorJson} reads the bytes into a JSON tree within the limits; this class checks the
 * shape and builds the model (ids, levels, weights, rules, tiers, groups, weight overrides);
 * {@link ReferenceCycles} refuses cycles among binding references in the built tree.
 */
public final class DescriptorParser {
    /*
     * The limits, in one place (docs/descriptor.md, "Limits and refusals", lists them). Each bounds the work
     * a hostile descriptor can cause: nothing is read or built beyond them.
     */
    /** Descriptors larger than this are refused before parsing; readers stop after this many bytes plus one. */
    public static final int MAX_BYTES = ModelCatalog.MAX_DESCRIPTOR_BYTES;
    /** Deepest tree accepted (the seed models have 3 levels). */
    public static final int MAX_DEPTH = 12;
    /** Most indicators accepted in one model. */
    public static final int MAX_NODES = 10_000;
    /** Deepest JSON nesting read (a tree of {@link #MAX_DEPTH} levels nests about 2 × 12 + 2 deep). */
    public static final int MAX_JSON_DEPTH = 64;
    /** Longest string or field name read, in characters. */
    public static final int MAX_STRING = 100_000;
    /** Longest number read, in characters (a double has 17 significant digits). */
    public static final int MAX_NUMBER_CHARS = 1_000;
    /** Most entries of any other list: tiers, groups, notes, binding variables, a rule parameter's list. */
    public static final int MAX_ITEMS = 1_000;
    /** Most problems reported for one descriptor: reading stops there (a hostile file could have 10,000). */
    public static final int MAX_PROBLEMS = 200;

    static final String DEFAULT_SCORING = "direct-points";
    static final String DEFAULT_AGGREGATION = "weighted-sum";
    private static final Pattern MODEL_ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Column names the importers read as city identity or printed checks, so no indicator may use them. */
    private static final Set<String> RESERVED = Set.of(EvaluationModel.ROOT_ID, "adcode", "city", "name", "province",
            "rank", "tier", "city_type", "note", "notes", "source", "year");
    private static final double TOLERANCE = 1e-9;
    private static final String[] INDICATOR_FIELDS = { "id", "name", "level", "weight", "direction", "unit",
            "scoring", "aggregation", "description", "children", "source", "binding", "treatment" };
    /** Outlier treatments a leaf or the defaults may name, with the parameters each takes (the engine's OutlierTreatment). */
    private static final Map<String, List<String>> TREATMENTS = Map.of(
            "winsorise", List.of("winmax", "skew", "kurtosis", "then", "lambda"),
            "log", List.of(),
            "box-cox", List.of("lambda"),
            "none", List.of());
    /** Formulas a binding may name, with how many variables each takes (-1: two or more). */
    private static final Map<String, Integer> FORMULAS = Map.of("value", 1, "log", 1, "ratio", 2, "per-capita", 2,
            "sum", -1);

    /** The kinds of rule a descriptor names. */
    public enum RuleKind {
        SCORING, AGGREGATION, TIER, GROUPING;

        String label() {
            return name().toLowerCase();
        }
    }

    /** What rules the runtime has right now. */
    @FunctionalInterface
    public interface RuleNames {
        boolean known(RuleKind kind, String name);

        /** @return the names of this kind the runtime has, for messages about an unknown one; empty if not told */
        default Set<String> available(RuleKind kind) {
            return Set.of();
        }

        /**
         * @return the parameter names a known rule accepts (its {@code cityeval.rule.parameters}), or {@code null}
         *         when the rule does not declare them: its parameters are then not checked, and a warning says so
         */
        default Set<String> parameters(RuleKind kind, String name) {
            return null;
        }
    }

    /**
     * A weight set by configuration instead of by the descriptor. Only assumed or inferred weights may be
     * overridden: a published figure belongs to the report, and a different figure is a different model.
     *
     * @param value      the weight in points
     * @param provenance the provenance the configuration states
     * @param note       why, or where the figure comes from
     */
    public record WeightOverride(double value, Provenance provenance, String note) {
    }

    /**
     * A descriptor that would load.
     *
     * @param model    the model
     * @param warnings what loads but deserves a look (rule parameters that cannot be checked), with JSON paths
     */
    public record Checked(EvaluationModel model, List<DescriptorException> warnings) {
    }

    /** Reading stops: a read limit was crossed or too many problems were found. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    /** A step of reading that may find a problem. */
    @FunctionalInterface
    private interface Step<T> {
        T run() throws DescriptorException;
    }

    private final RuleNames rules;
    private final Map<String, WeightOverride> overrides;
    private final String overrideSource;
    private final Set<String> overridden = new HashSet<>();
    private final Set<String> ids = new HashSet<>();
    /** JSON path of each indicator, by id, for messages about references between them. */
    private final Map<String, String> paths = new HashMap<>();
    /** Every problem, in the order found; a missing rule is one whose {@link DescriptorException#missingRule()}. */
    private final List<DescriptorException> problems = new ArrayList<>();
    private final List<DescriptorException> warnings = new ArrayList<>();
    private int nodeCount;
    /** The indicator tree as far as it could be read: the whole tree when there is no problem. */
    private Indicator root;
    private String defaultScoring = DEFAULT_SCORING;
    private String defaultAggregation = DEFAULT_AGGREGATION;
    private RuleRef defaultTreatment;

    private DescriptorParser(RuleNames rules, Map<String, WeightOverride> overrides, String overrideSource) {
        this.rules = rules;
        this.overrides = overrides;
        this.overrideSource = overrideSource;
    }

    /**
     * @param json  the descriptor's bytes
     * @param rules the rule names known now
     * @return the validated model
     * @throws DescriptorException with {@link DescriptorException#problems() every problem};
     *                             {@link DescriptorException#missingRule()} tells when the only problems are rules
     *                             the runtime does not have (yet)
     */
    public static EvaluationModel parse(byte[] json, RuleNames rules) throws DescriptorException {
        return parse(json, rules, Map.of(), null);
    }

    /**
     * As {@link #parse(byte[], RuleNames)}, with weights overridden by configuration.
     *
     * @param overrides      by indicator id
     * @param overrideSource where the overrides come from, for notes and messages
     */
    public static EvaluationModel parse(byte[] json, RuleNames rules, Map<String, WeightOverride> overrides,
            String overrideSource) throws DescriptorException {
        return check(json, rules, overrides, overrideSource).model();
    }

    /** As {@link #parse(byte[], RuleNames, Map, String)}, with the warnings of a descriptor that would load. */
    public static Checked check(byte[] json, RuleNames rules, Map<String, WeightOverride> overrides,
            String overrideSource) throws DescriptorException {
        if (json.length > MAX_BYTES) {
            throw new DescriptorException("$", "descriptor is " + json.length + " bytes; the limit is " + MAX_BYTES);
        }
        JsonNode root = DescriptorJson.read(json);
        if (root == null || !root.isObject()) {
            throw new DescriptorException("$", "a descriptor is a JSON object");
        }
        DescriptorParser p = new DescriptorParser(rules, overrides, overrideSource);
        EvaluationModel model = null;
        try {
            model = p.model(root);
            p.attempt(() -> {
                // in the tree as far as it could be built: a broken indicator's subtree is left out
                ReferenceCycles.check(p.root, p.paths);
                return null;
            }, null);
            for (String id : overrides.keySet()) {
                if (!p.overridden.contains(id)) {
                    p.problem(new DescriptorException("$", overrideSource + " overrides the weight of '" + id
                            + "', but the model has no such indicator"));
                }
            }
        } catch (Stop stop) {
            // the problems so far are reported
        }
        if (!p.problems.isEmpty()) {
            throw new DescriptorException(p.problems);
        }
        return new Checked(model, List.copyOf(p.warnings));
    }

    // --- recording problems ---------------------------------------------------------------------------------

    private void problem(DescriptorException e) {
        for (DescriptorException one : e.problems()) {
            problems.add(one);
        }
        if (problems.size() >= MAX_PROBLEMS) {
            problems.add(new DescriptorException("$", "more than " + MAX_PROBLEMS
                    + " problems; the rest of the descriptor was not read"));
            throw new Stop();
        }
    }

    /** A read limit crossed: recorded, and reading stops (going on would do the work the limit bounds). */
    private Stop limit(String path, String reason) {
        problems.add(new DescriptorException(path, reason));
        return new Stop();
    }

    /** Runs one step; a problem it finds is recorded and {@code fallback} returned, so reading goes on. */
    private <T> T attempt(Step<T> step, T fallback) {
        try {
            return step.run();
        } catch (DescriptorException e) {
            problem(e);
            return fallback;
        }
    }

    // --- the model -------------------------------------------------------------------------------------------

    /**
     * The level of the units ({@code $.units}): city (the default), county, or free. Free units have no registry
     * metadata, so a model that groups its units (groups, or imputation within groups) cannot take them.
     */
    private static String units(JsonNode o, List<GroupScheme> groups, MissingData missing) throws DescriptorException {
        JsonNode u = o.get("units");
        if (u == null) {
            return EvaluationModel.UNITS_CITY;
        }
        String units = u.isTextual() ? u.asText() : null;
        if (!EvaluationModel.UNITS_CITY.equals(units) && !EvaluationModel.UNITS_COUNTY.equals(units)
                && !EvaluationModel.UNITS_FREE.equals(units)) {
            throw new DescriptorException("$.units", "units is one of \"city\", \"county\", \"free\"");
        }
        if (units.equals(EvaluationModel.UNITS_FREE) && !groups.isEmpty()) {
            throw new DescriptorException("$.units", "free units have no province or region, but the model groups "
                    + "its units by " + groups.get(0).kind() + " ($.groups): use city or county units, or drop the groups");
        }
        if (units.equals(EvaluationModel.UNITS_FREE) && missing != null && missing.groupBy() != null) {
            throw new DescriptorException("$.units", "free units have no province or region, but the model imputes "
                    + "within groups ($.missing.groupBy '" + missing.groupBy() + "'): use city or county units");
        }
        return units;
    }

    /** @return the model, or null when a problem was found (reading went on to find the others) */
    private EvaluationModel model(JsonNode o) {
        int before = problems.size();
        allowOnly(o, "$", "id", "title", "institution", "edition", "year", "scale", "defaults", "tree", "tiers",
                "groups", "reference", "notes", "missing", "units", "$schema");
        String id = attempt(() -> {
            String s = text(o, "$", "id", true);
            if (!MODEL_ID.matcher(s).matches()) {
                throw new DescriptorException("$.id",
                        "model id '" + s + "' must be lower-case letters, digits, '.' or '-' (at most 64)");
            }
            return s;
        }, null);
        LocalizedText title = attempt(() -> localized(o.get("title"), "$.title", true), null);
        LocalizedText institution = attempt(() -> localized(o.get("institution"), "$.institution", true), null);
        String edition = attempt(() -> text(o, "$", "edition", false), null);
        int year = attempt(() -> integer(o, "$", "year", 1990, 2100), 0);
        Scale scale = attempt(() -> scale(o.get("scale"), "$.scale"), null);
        attempt(() -> {
            defaults(o.get("defaults"), "$.defaults");
            return null;
        }, null);

        JsonNode tree = o.get("tree");
        List<Indicator> level1 = List.of();
        if (tree == null || !tree.isArray() || tree.isEmpty()) {
            problem(new DescriptorException("$.tree", "the tree is a non-empty array of level-1 indicators"));
        } else {
            // without a readable scale the level-1 weights cannot be checked against it; everything else can
            level1 = children(tree, "$.tree", 1, scale == null ? Double.NaN : scale.max());
        }
        Weight rootWeight = new Weight(scale == null ? 0 : scale.max(), Provenance.PUBLISHED, "the model's scale");
        Indicator root = new Indicator(EvaluationModel.ROOT_ID, new LocalizedText("总分", "Total"), 0, rootWeight,
                Direction.POSITIVE, null, null, new RuleRef(defaultAggregation, Map.of()), null, level1);

        TierScheme tiers = o.has("tiers") ? attempt(() -> tierScheme(o.get("tiers"), "$.tiers"), null) : null;
        List<GroupScheme> groups = new ArrayList<>();
        JsonNode g = o.get("groups");
        if (g != null && attempt(() -> {
            requireList(g, "$.groups");
            return true;
        }, false)) {
            Set<String> kinds = new HashSet<>();
            for (int i = 0; i < g.size(); i++) {
                String p = "$.groups[" + i + "]";
                JsonNode one = g.get(i);
                GroupScheme scheme = attempt(() -> group(one, p), null);
                if (scheme != null) {
                    if (!kinds.add(scheme.kind())) {
                        problem(new DescriptorException(p + ".kind", "duplicate group kind '" + scheme.kind() + "'"));
                    }
                    groups.add(scheme);
                }
            }
        }
        ReferenceData reference = o.has("reference") ? attempt(() -> reference(o.get("reference"), "$.reference"), null)
                : null;
        List<String> notes = new ArrayList<>();
        List<LocalizedText> notesText = new ArrayList<>();
        JsonNode n = o.get("notes");
        if (n != null && attempt(() -> {
            requireList(n, "$.notes");
            return true;
        }, false)) {
            for (int i = 0; i < n.size(); i++) {
                if (n.get(i).isTextual()) {
                    notes.add(n.get(i).asText());
                    notesText.add(new LocalizedText(null, n.get(i).asText())); // notes were always English
                } else if (n.get(i).isObject()) {
                    int at = i;
                    LocalizedText t = attempt(() -> localized(n.get(at), "$.notes[" + at + "]", true), null);
                    if (t != null) {
                        notes.add(t.en() != null && !t.en().isBlank() ? t.en() : t.zh());
                        notesText.add(t);
                    }
                } else {
                    problem(new DescriptorException("$.notes[" + i + "]",
                            "a note is a string (English) or {\"zh\": \"...\", \"en\": \"...\"}"));
                }
            }
        }
        MissingData missing = o.has("missing") ? attempt(() -> missing(o.get("missing"), "$.missing"), null)
                : MissingData.NONE;
        String units = attempt(() -> units(o, groups, missing), EvaluationModel.UNITS_CITY);
        this.root = root; // the tree as far as it was read, for the cycle check
        if (problems.size() > before) {
            return null;
        }
        return new EvaluationModel(id, title, institution, edition, year, scale, root, tiers, groups, reference, notes,
                missing, units, notesText);
    }

    private MissingData missing(JsonNode m, String path) throws DescriptorException {
        requireObject(m, path);
        allowOnly(m, path, "method", "groupBy", "minCoverage");
        int before = problems.size();
        String written = attempt(() -> {
            String s = text(m, path, "method", true);
            if (s.indexOf(':') >= 0) { // group-median:region, as a run writes it
                try {
                    MissingData.parse(s, null);
                } catch (IllegalArgumentException e) {
                    throw new DescriptorException(path + ".method", "'" + s + "' is " + e.getMessage());
                }
                if (m.hasNonNull("groupBy")) {
                    throw new DescriptorException(path + ".method", "'" + s + "' names its grouping rule after ':'; "
                            + "give it there or in groupBy, not both");
                }
            } else if (MissingData.Method.of(s).isEmpty()) { // the one list of methods, the API's
                throw new DescriptorException(path + ".method", "'" + s + "' is not one of "
                        + String.join(", ", new TreeSet<>(MissingData.Method.labels())));
            }
            return s;
        }, null);
        String method = written == null ? null : written.split(":", 2)[0].trim();
        String groupBy;
        if (written != null && written.indexOf(':') >= 0) {
            groupBy = MissingData.parse(written, null).groupBy();
            known(new RuleRef(groupBy, Map.of()), path + ".method", RuleKind.GROUPING);
        } else {
            groupBy = m.hasNonNull("groupBy") ? attempt(() -> text(m, path, "groupBy", true), null) : null;
            if (groupBy != null) {
                known(new RuleRef(groupBy, Map.of()), path + ".groupBy", RuleKind.GROUPING);
            }
        }
        Double min = null;
        if (m.has("minCoverage")) {
            min = attempt(() -> {
                double d = number(m, path, "minCoverage");
                if (d < 0 || d > 1) {
                    throw new DescriptorException(path + ".minCoverage", "a share of the model's weight, 0..1");
                }
                return d;
            }, null);
        }
        return problems.size() > before ? null : new MissingData(method, groupBy, min);
    }

    private Binding binding(JsonNode b, String path) throws DescriptorException {
        requireObject(b, path);
        allowOnly(b, path, "formula", "variables", "scoring", "direction", "note", "treatment");
        int before = problems.size();
        String formula = b.hasNonNull("formula") ? attempt(() -> text(b, path, "formula", true), null) : "value";
        Integer arity = formula == null ? null : FORMULAS.get(formula);
        if (formula != null && arity == null) {
            problem(new DescriptorException(path + ".formula", "'" + formula + "' is not one of "
                    + String.join(", ", new TreeSet<>(FORMULAS.keySet()))));
        }
        JsonNode vs = b.get("variables");
        List<String> variables = new ArrayList<>();
        if (vs == null || !vs.isArray() || vs.isEmpty()) {
            problem(new DescriptorException(path + ".variables", "a non-empty array of catalogue variable ids"));
        } else if (attempt(() -> {
            requireList(vs, path + ".variables");
            return true;
        }, false)) {
            boolean all = true;
            for (int i = 0; i < vs.size(); i++) {
                if (!vs.get(i).isTextual() || vs.get(i).asText().isBlank()) {
                    problem(new DescriptorException(path + ".variables[" + i + "]", "a variable id"));
                    all = false;
                } else {
                    variables.add(vs.get(i).asText());
                }
            }
            if (all && arity != null && (arity > 0 && variables.size() != arity || arity < 0 && variables.size() < 2)) {
                problem(new DescriptorException(path + ".variables", "'" + formula + "' takes "
                        + (arity < 0 ? "two or more variables" : arity + (arity == 1 ? " variable" : " variables"))));
            }
        }
        RuleRef scoring = b.has("scoring") ? attempt(() -> rule(b.get("scoring"), path + ".scoring", RuleKind.SCORING),
                null) : null;
        Direction direction = null;
        if (b.has("direction")) {
            direction = attempt(() -> {
                String d = text(b, path, "direction", true);
                return switch (d) {
                    case "positive" -> Direction.POSITIVE;
                    case "negative" -> Direction.NEGATIVE;
                    default -> throw new DescriptorException(path + ".direction", "'" + d + "' is not 'positive' or 'negative'");
                };
            }, null);
        }
        String note = b.hasNonNull("note") ? attempt(() -> text(b, path, "note", false), null) : null;
        RuleRef treatment = b.has("treatment")
                ? attempt(() -> treatment(b.get("treatment"), path + ".treatment"), null) : null;
        return problems.size() > before ? null : new Binding(formula, variables, scoring, direction, note, treatment);
    }

    private void defaults(JsonNode d, String path) throws DescriptorException {
        if (d == null) {
            return;
        }
        requireObject(d, path);
        allowOnly(d, path, "scoring", "aggregation", "treatment");
        if (d.has("treatment")) {
            defaultTreatment = attempt(() -> treatment(d.get("treatment"), path + ".treatment"), null);
        }
        if (d.has("scoring")) {
            RuleRef r = attempt(() -> rule(d.get("scoring"), path + ".scoring", RuleKind.SCORING), null);
            if (r != null) {
                defaultScoring = r.rule();
            }
        }
        if (d.has("aggregation")) {
            RuleRef r = attempt(() -> rule(d.get("aggregation"), path + ".aggregation", RuleKind.AGGREGATION), null);
            if (r != null) {
                defaultAggregation = r.rule();
            }
        }
    }

    private Scale scale(JsonNode s, String path) throws DescriptorException {
        if (s == null) {
            throw new DescriptorException(path, "missing: e.g. {\"kind\": \"points\", \"max\": 100, \"precision\": 1}");
        }
        requireObject(s, path);
        allowOnly(s, path, "kind", "max", "precision");
        int before = problems.size();
        String kind = attempt(() -> {
            String k = text(s, path, "kind", true);
            if (!k.equals("points") && !k.equals("index")) {
                throw new DescriptorException(path + ".kind", "'" + k + "' is not 'points' or 'index'");
            }
            return k;
        }, null);
        Double max = attempt(() -> {
            double m = number(s, path, "max");
            if (!(m > 0)) {
                throw new DescriptorException(path + ".max", "must be positive");
            }
            return m;
        }, null);
        Integer precision = attempt(() -> integer(s, path, "precision", 0, 6), null);
        return problems.size() > before ? null : new Scale(kind, max, precision);
    }

    /**
     * Reads siblings and settles their weights: they must add up to the parent's, unknown ones share the rest.
     * A sibling that cannot be read is left out of the list returned (its problems are recorded); the sum is
     * checked only when every sibling's weight could be read and the parent's is known ({@code parentWeight} is
     * NaN when not), so one bad weight is not reported twice.
     */
    private List<Indicator> children(JsonNode array, String path, int level, double parentWeight) {
        if (level > MAX_DEPTH) {
            throw limit(path, "the tree is deeper than " + MAX_DEPTH + " levels");
        }
        int n = array.size();
        if (nodeCount + n > MAX_NODES) {
            // refused before any sibling is looked at: the first one over the limit is named
            throw limit(path + "[" + (MAX_NODES - nodeCount) + "]", "more than " + MAX_NODES + " indicators");
        }
        double[] values = new double[n];
        boolean[] unknown = new boolean[n];
        Provenance[] provenances = new Provenance[n];
        boolean[] readable = new boolean[n];
        boolean allWeights = true;
        double known = 0;
        int unknownCount = 0;
        for (int i = 0; i < n; i++) {
            String p = path + "[" + i + "]";
            JsonNode node = array.get(i);
            if (!attempt(() -> {
                requireObject(node, p);
                return true;
            }, false)) {
                allWeights = false;
                continue;
            }
            readable[i] = true;
            allowOnly(node, p, INDICATOR_FIELDS);
            int before = problems.size();
            final int k = i;
            Double value = attempt(() -> weight(node, p, provenances, k), null);
            if (problems.size() > before) {
                allWeights = false;
                values[i] = Double.NaN;
            } else if (value == null) {
                unknown[i] = true;
                unknownCount++;
            } else {
                values[i] = value;
                known += value;
            }
        }
        if (allWeights && !Double.isNaN(parentWeight)) {
            double remaining = parentWeight - known;
            if (unknownCount > 0) {
                if (remaining < -TOLERANCE * Math.max(1, parentWeight)) {
                    problem(new DescriptorException(path, "the given weights add up to " + fmt(known)
                            + ", more than the parent's " + fmt(parentWeight) + ", leaving nothing for the assumed ones"));
                }
            } else if (Math.abs(remaining) > TOLERANCE * Math.max(1, parentWeight)) {
                problem(new DescriptorException(path,
                        "children's weights add up to " + fmt(known) + " but the parent's weight is " + fmt(parentWeight)));
            }
        }
        double share = unknownCount == 0 || Double.isNaN(parentWeight) ? (unknownCount == 0 ? 0 : Double.NaN)
                : Math.max(0, parentWeight - known) / unknownCount;
        List<Indicator> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (!readable[i]) {
                continue;
            }
            double value = unknown[i] ? share : values[i];
            Indicator ind = indicator(array.get(i), path + "[" + i + "]", level, value, unknown[i], provenances[i]);
            if (ind != null) {
                out.add(ind);
            }
        }
        return out;
    }

    /**
     * One sibling's weight: its value (the override's, if configured), or null for an assumed weight left out;
     * its provenance goes to {@code provenances[i]}.
     */
    private Double weight(JsonNode node, String p, Provenance[] provenances, int i) throws DescriptorException {
        JsonNode w = node.get("weight");
        if (w == null) {
            throw new DescriptorException(p + ".weight",
                    "missing: give {\"value\": ..., \"provenance\": ...}, or {\"provenance\": \"assumed\"} for an equal share");
        }
        requireObject(w, p + ".weight");
        allowOnly(w, p + ".weight", "value", "provenance", "note");
        Provenance prov = provenance(w, p + ".weight");
        provenances[i] = prov;
        WeightOverride override = overrides.get(node.path("id").asText());
        if (override != null) {
            overridden.add(node.path("id").asText()); // it exists: refused below or applied, not "no such indicator"
            if (prov != Provenance.ASSUMED && prov != Provenance.INFERRED) {
                throw new DescriptorException(p + ".weight", overrideSource + " overrides the " + prov
                        + " weight of '" + node.path("id").asText()
                        + "'; only assumed or inferred weights can be set by configuration");
            }
            return override.value();
        } else if (w.has("value")) {
            double v = number(w, p + ".weight", "value");
            if (v < 0) {
                throw new DescriptorException(p + ".weight.value", "a weight cannot be negative");
            }
            return v;
        } else if (prov == Provenance.ASSUMED) {
            return null;
        }
        throw new DescriptorException(p + ".weight.value",
                "missing; only an 'assumed' weight may be left out (it then takes an equal share of what its "
                        + "siblings leave of the parent's points)");
    }

    /**
     * @param weightValue NaN when the weight (or the parent's) could not be read
     * @param provenance  null when the weight could not be read
     * @return the indicator, or null when its id cannot be read (its other problems are recorded all the same)
     */
    private Indicator indicator(JsonNode o, String path, int level, double weightValue, boolean equalShare,
            Provenance provenance) {
        if (++nodeCount > MAX_NODES) {
            throw limit(path, "more than " + MAX_NODES + " indicators");
        }
        String id = attempt(() -> {
            String s = text(o, path, "id", true);
            if (!NODE_ID.matcher(s).matches()) {
                throw new DescriptorException(path + ".id",
                        "indicator id '" + s + "' must be letters, digits, '_', '.' or '-' (at most 64)");
            }
            if (RESERVED.contains(s.toLowerCase())) {
                throw new DescriptorException(path + ".id", "'" + s + "' is reserved for a data column");
            }
            if (!ids.add(s)) {
                throw new DescriptorException(path + ".id", "duplicate indicator id '" + s + "'");
            }
            return s;
        }, null);
        if (id != null) {
            paths.put(id, path);
        }
        LocalizedText name = attempt(() -> localized(o.get("name"), path + ".name", true), null);
        if (o.has("level")) {
            attempt(() -> {
                int declared = integer(o, path, "level", 0, MAX_DEPTH);
                if (declared != level) {
                    throw new DescriptorException(path + ".level",
                            "declared level " + declared + " but the indicator sits at level " + level);
                }
                return null;
            }, null);
        }
        JsonNode w = o.get("weight");
        Weight weight = null;
        if (provenance != null) {
            String note = w.hasNonNull("note") ? attempt(() -> text(w, path + ".weight", "note", false), null) : null;
            Provenance prov = provenance;
            WeightOverride override = id == null ? null : overrides.get(id);
            if (override != null) {
                prov = override.provenance();
                note = "set by " + overrideSource + (override.note() == null ? "" : ": " + override.note())
                        + " (the descriptor's was " + provenance + ")";
            } else if (equalShare) {
                note = (note == null ? "" : note + "; ") + "equal share of the parent's unassigned points";
            }
            weight = new Weight(weightValue, prov, note);
        }
        Direction direction = Direction.POSITIVE;
        if (o.has("direction")) {
            direction = attempt(() -> {
                String d = text(o, path, "direction", true);
                return switch (d) {
                    case "positive", "+", "1" -> Direction.POSITIVE;
                    case "negative", "-", "-1" -> Direction.NEGATIVE;
                    default -> throw new DescriptorException(path + ".direction", "'" + d + "' is not 'positive' or 'negative'");
                };
            }, Direction.POSITIVE);
        }
        String unit = o.hasNonNull("unit") ? attempt(() -> text(o, path, "unit", false), null) : null;
        String description = o.hasNonNull("description") ? attempt(() -> text(o, path, "description", false), null)
                : null;
        JsonNode kids = o.get("children");
        List<Indicator> children = List.of();
        boolean parent = kids != null && kids.isArray() && !kids.isEmpty();
        if (kids != null) {
            if (!kids.isArray()) {
                problem(new DescriptorException(path + ".children", "expected a JSON array"));
            } else if (kids.isEmpty()) {
                problem(new DescriptorException(path + ".children", "empty; leave 'children' out for a leaf"));
            } else {
                double parentWeight = weightValue;
                if (!Double.isNaN(weightValue) && !(weightValue > 0)) {
                    // its children's weights would add up to 0: their shares of it (w / Σw) are undefined
                    problem(new DescriptorException(path + ".weight", "an indicator with children needs a positive weight; '"
                            + id + "' has " + fmt(weightValue) + (equalShare ? " (its equal share of what its siblings leave)"
                                    : "") + ", so its children's weights would add up to 0"));
                    parentWeight = Double.NaN;
                }
                children = children(kids, path + ".children", level + 1, parentWeight);
            }
        }
        RuleRef scoring = null;
        RuleRef aggregation = null;
        Binding binding = null;
        if (o.has("binding")) {
            if (parent) {
                problem(new DescriptorException(path + ".binding", "only leaves are bound to catalogue variables"));
            } else {
                binding = attempt(() -> binding(o.get("binding"), path + ".binding"), null);
            }
        }
        if (!parent) {
            if (o.has("aggregation")) {
                problem(new DescriptorException(path + ".aggregation", "a leaf has no aggregation; did you mean 'scoring'?"));
            }
            scoring = o.has("scoring") ? attempt(() -> rule(o.get("scoring"), path + ".scoring", RuleKind.SCORING), null)
                    : known(new RuleRef(defaultScoring, Map.of()), path, RuleKind.SCORING);
        } else {
            if (o.has("scoring")) {
                problem(new DescriptorException(path + ".scoring",
                        "only leaves have a scoring rule; an indicator with children has an 'aggregation'"));
            }
            aggregation = o.has("aggregation")
                    ? attempt(() -> rule(o.get("aggregation"), path + ".aggregation", RuleKind.AGGREGATION), null)
                    : known(new RuleRef(defaultAggregation, Map.of()), path, RuleKind.AGGREGATION);
        }
        RuleRef treatment = null;
        if (o.has("treatment")) {
            if (parent) {
                problem(new DescriptorException(path + ".treatment",
                        "only leaves have an outlier treatment (of their raw values)"));
            } else {
                treatment = attempt(() -> treatment(o.get("treatment"), path + ".treatment"), null);
            }
        } else if (!parent) {
            treatment = defaultTreatment;
        }
        if (id == null) {
            return null;
        }
        return new Indicator(id, name, level, weight, direction, unit, scoring, aggregation, description, children,
                binding, treatment);
    }

    /** A rule name the runtime does not have is a problem that waits for it; its parameters are checked too. */
    private RuleRef known(RuleRef ref, String path, RuleKind kind) {
        if (!rules.known(kind, ref.rule())) {
            Set<String> available = rules.available(kind);
            problem(new DescriptorException(path + ": " + kind.label() + " rule '" + ref.rule() + "' is not available"
                    + (available.isEmpty() ? "" : "; available: " + String.join(", ", new TreeSet<>(available))), true));
        } else {
            parameters(ref, path, kind);
        }
        return ref;
    }

    /** The parameters given to a known rule are ones it declares; a rule that declares none is not checked. */
    private void parameters(RuleRef ref, String path, RuleKind kind) {
        if (ref.parameters().isEmpty()) {
            return;
        }
        Set<String> accepted = rules.parameters(kind, ref.rule());
        if (accepted == null) {
            warnings.add(new DescriptorException(path + ".parameters", kind.label() + " rule '" + ref.rule()
                    + "' does not declare its parameters (service property cityeval.rule.parameters), so "
                    + String.join(", ", ref.parameters().keySet()) + " cannot be checked before evaluation"));
            return;
        }
        for (String name : ref.parameters().keySet()) {
            if (!accepted.contains(name)) {
                problem(new DescriptorException(path + ".parameters." + name, "'" + name + "' is not a parameter of "
                        + kind.label() + " rule '" + ref.rule() + "'; it accepts "
                        + (accepted.isEmpty() ? "none" : String.join(", ", new TreeSet<>(accepted)))));
            }
        }
    }

    /**
     * A leaf's (or the defaults') outlier treatment: a method name ({@code "winsorise"}, {@code "log"},
     * {@code "none"}), or {@code {"method": "box-cox", "lambda": 0.5}} with the method's parameters.
     */
    private RuleRef treatment(JsonNode t, String path) throws DescriptorException {
        String method;
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        if (t.isTextual()) {
            method = t.asText();
        } else {
            requireObject(t, path);
            allowOnly(t, path, "method", "winmax", "skew", "kurtosis", "then", "lambda");
            method = text(t, path, "method", true);
        }
        List<String> accepted = TREATMENTS.get(method);
        if (accepted == null) {
            throw new DescriptorException(t.isTextual() ? path : path + ".method", "'" + method
                    + "' is not a treatment; use one of box-cox, log, none, winsorise");
        }
        if (t.isObject()) {
            for (java.util.Iterator<String> it = t.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (f.equals("method")) {
                    continue;
                }
                if (!accepted.contains(f)) {
                    throw new DescriptorException(path + "." + f, "'" + f + "' is not a parameter of the treatment '"
                            + method + "'; it accepts " + (accepted.isEmpty() ? "none" : String.join(", ", accepted)));
                }
                if (f.equals("then")) {
                    String then = text(t, path, "then", true);
                    if (!List.of("log", "box-cox", "none").contains(then)) {
                        throw new DescriptorException(path + ".then", "'" + then + "': use log, box-cox or none");
                    }
                    parameters.put(f, then);
                } else {
                    double v = number(t, path, f);
                    if (f.equals("winmax") && (v < 0 || v != Math.rint(v))) {
                        throw new DescriptorException(path + ".winmax", "a whole number of points ≥ 0, not " + fmt(v));
                    }
                    parameters.put(f, v);
                }
            }
        }
        boolean boxCox = method.equals("box-cox") || "box-cox".equals(parameters.get("then"));
        if (boxCox && !parameters.containsKey("lambda")) {
            throw new DescriptorException(path, "box-cox needs its 'lambda', e.g. {\"method\": \"box-cox\", \"lambda\": 0.5}");
        }
        return new RuleRef(method, parameters);
    }

    private RuleRef rule(JsonNode r, String path, RuleKind kind) throws DescriptorException {
        if (r == null) {
            throw new DescriptorException(path, "missing");
        }
        String name;
        Map<String, Object> parameters = Map.of();
        if (r.isTextual()) {
            name = r.asText();
        } else {
            requireObject(r, path);
            allowOnly(r, path, "rule", "parameters");
            name = text(r, path, "rule", true);
            if (r.has("parameters")) {
                requireObject(r.get("parameters"), path + ".parameters");
                parameters = toMap(r.get("parameters"), path + ".parameters");
            }
        }
        if (name.isBlank()) {
            throw new DescriptorException(path, "empty rule name");
        }
        return known(new RuleRef(name, parameters), path, kind);
    }

    private TierScheme tierScheme(JsonNode t, String path) throws DescriptorException {
        requireObject(t, path);
        allowOnly(t, path, "rule", "tiers", "parameters");
        int before = problems.size();
        Map<String, Object> parameters = Map.of();
        if (t.has("parameters")) {
            parameters = attempt(() -> {
                requireObject(t.get("parameters"), path + ".parameters");
                return toMap(t.get("parameters"), path + ".parameters");
            }, Map.of());
        }
        String rule = attempt(() -> text(t, path, "rule", true), null);
        if (rule != null) {
            int at = problems.size();
            known(new RuleRef(rule, Map.of()), path + ".rule", RuleKind.TIER);
            if (problems.size() == at) {
                parameters(new RuleRef(rule, parameters), path, RuleKind.TIER);
            }
        }
        JsonNode list = t.get("tiers");
        List<Tier> tiers = new ArrayList<>();
        if (list == null || !list.isArray() || list.isEmpty()) {
            problem(new DescriptorException(path + ".tiers", "a non-empty array of tiers, best first"));
        } else if (attempt(() -> {
            requireList(list, path + ".tiers");
            return true;
        }, false)) {
            Set<String> tierIds = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String p = path + ".tiers[" + i + "]";
                JsonNode o = list.get(i);
                Tier tier = attempt(() -> tier(o, p, tierIds), null);
                if (tier != null) {
                    tiers.add(tier);
                }
            }
        }
        return problems.size() > before ? null : new TierScheme(rule, tiers, parameters);
    }

    private Tier tier(JsonNode o, String p, Set<String> tierIds) throws DescriptorException {
        requireObject(o, p);
        allowOnly(o, p, "id", "name", "min", "max", "share", "count");
        int before = problems.size();
        String id = attempt(() -> {
            String s = text(o, p, "id", true);
            if (!tierIds.add(s)) {
                throw new DescriptorException(p + ".id", "duplicate tier id '" + s + "'");
            }
            return s;
        }, null);
        Double min = o.has("min") ? attempt(() -> number(o, p, "min"), null) : null;
        Double max = o.has("max") ? attempt(() -> number(o, p, "max"), null) : null;
        Double share = o.has("share") ? attempt(() -> number(o, p, "share"), null) : null;
        if (min != null && max != null && !(min < max)) {
            problem(new DescriptorException(p, "min " + fmt(min) + " is not below max " + fmt(max)));
        }
        if (share != null && !(share > 0 && share <= 1)) {
            problem(new DescriptorException(p + ".share", "a share is in (0, 1]"));
        }
        Integer count = o.has("count") ? attempt(() -> integer(o, p, "count", 1, 1_000_000), null) : null;
        if (share != null && count != null) {
            problem(new DescriptorException(p, "give a share or a count, not both"));
        }
        LocalizedText name = o.has("name") ? attempt(() -> localized(o.get("name"), p + ".name", true), null) : null;
        return problems.size() > before ? null : new Tier(id, name, min, max, share, count);
    }

    private GroupScheme group(JsonNode g, String path) throws DescriptorException {
        requireObject(g, path);
        allowOnly(g, path, "kind", "name", "membership", "tiers");
        int before = problems.size();
        String kind = attempt(() -> text(g, path, "kind", true), null);
        LocalizedText name = g.has("name") ? attempt(() -> localized(g.get("name"), path + ".name", true), null) : null;
        String membership = attempt(() -> text(g, path, "membership", true), null);
        if (membership != null) {
            known(new RuleRef(membership, Map.of()), path + ".membership", RuleKind.GROUPING);
        }
        TierScheme tiers = g.has("tiers") ? attempt(() -> tierScheme(g.get("tiers"), path + ".tiers"), null) : null;
        return problems.size() > before ? null : new GroupScheme(kind, name, membership, tiers);
    }

    private ReferenceData reference(JsonNode r, String path) throws DescriptorException {
        requireObject(r, path);
        allowOnly(r, path, "path", "source", "note");
        int before = problems.size();
        String p = attempt(() -> {
            String s = text(r, path, "path", true);
            if (s.startsWith("/") || s.contains("..")) {
                throw new DescriptorException(path + ".path", "a path inside the bundle, without '..' or a leading '/'");
            }
            return s;
        }, null);
        String source = attempt(() -> text(r, path, "source", true), null);
        // a plain string is English (reference notes always were); {"zh", "en"} gives both
        LocalizedText noteText = !r.hasNonNull("note") ? null : r.get("note").isTextual()
                ? attempt(() -> new LocalizedText(null, text(r, path, "note", false)), null)
                : attempt(() -> localized(r.get("note"), path + ".note", true), null);
        String note = noteText == null ? null : noteText.en() != null && !noteText.en().isBlank() ? noteText.en()
                : noteText.zh();
        return problems.size() > before ? null : new ReferenceData(p, source, note, noteText);
    }

    private static Provenance provenance(JsonNode w, String path) throws DescriptorException {
        String p = text(w, path, "provenance", true);
        for (Provenance v : Provenance.values()) {
            if (v.toString().equals(p)) {
                return v;
            }
        }
        throw new DescriptorException(path + ".provenance",
                "'" + p + "' is not one of published, derived, inferred, assumed");
    }

    private LocalizedText localized(JsonNode n, String path, boolean required) throws DescriptorException {
        if (n == null) {
            if (required) {
                throw new DescriptorException(path, "missing: {\"zh\": \"...\", \"en\": \"...\"}");
            }
            return null;
        }
        if (n.isTextual()) {
            return new LocalizedText(n.asText(), null);
        }
        requireObject(n, path);
        allowOnly(n, path, "zh", "en");
        String zh = n.hasNonNull("zh") ? text(n, path, "zh", false) : null;
        String en = n.hasNonNull("en") ? text(n, path, "en", false) : null;
        if ((zh == null || zh.isBlank()) && (en == null || en.isBlank())) {
            throw new DescriptorException(path, "give at least one of 'zh' and 'en'");
        }
        return new LocalizedText(zh, en);
    }

    /** Each field not allowed here is a problem of its own; the allowed ones are read on. */
    private void allowOnly(JsonNode o, String path, String... names) {
        Set<String> allowed = Set.of(names);
        for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                problem(new DescriptorException(path + "." + f, "unknown field '" + f + "'; allowed here: "
                        + String.join(", ", new TreeSet<>(allowed))));
            }
        }
    }

    private static void requireObject(JsonNode n, String path) throws DescriptorException {
        if (n == null || !n.isObject()) {
            throw new DescriptorException(path, "expected a JSON object");
        }
    }

    private static void requireArray(JsonNode n, String path) throws DescriptorException {
        if (!n.isArray()) {
            throw new DescriptorException(path, "expected a JSON array");
        }
    }

    /** An array other than the tree's: at most {@link #MAX_ITEMS} entries. */
    private static void requireList(JsonNode n, String path) throws DescriptorException {
        requireArray(n, path);
        if (n.size() > MAX_ITEMS) {
            throw new DescriptorException(path, n.size() + " entries; a list has at most " + MAX_ITEMS);
        }
    }

    private static String text(JsonNode o, String path, String field, boolean required) throws DescriptorException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new DescriptorException(path + "." + field, "missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new DescriptorException(path + "." + field, "expected a string");
        }
        if (required && v.asText().isBlank()) {
            throw new DescriptorException(path + "." + field, "empty");
        }
        return v.asText();
    }

    private static double number(JsonNode o, String path, String field) throws DescriptorException {
        JsonNode v = o.get(field);
        if (v == null || !v.isNumber()) {
            throw new DescriptorException(path + "." + field, v == null ? "missing" : "expected a number");
        }
        double d = v.asDouble();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new DescriptorException(path + "." + field, "not a finite number");
        }
        return d;
    }

    private static int integer(JsonNode o, String path, String field, int min, int max) throws DescriptorException {
        JsonNode v = o.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new DescriptorException(path + "." + field, v == null ? "missing" : "expected a whole number");
        }
        if (!v.canConvertToInt()) {
            throw new DescriptorException(path + "." + field, v.asText() + " is outside " + min + ".." + max);
        }
        int i = v.asInt();
        if (i < min || i > max) {
            throw new DescriptorException(path + "." + field, i + " is outside " + min + ".." + max);
        }
        return i;
    }

    private static Map<String, Object> toMap(JsonNode o, String path) throws DescriptorException {
        if (o.size() > MAX_ITEMS) {
            throw new DescriptorException(path, o.size() + " fields; an object has at most " + MAX_ITEMS);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), toValue(e.getValue(), path + "." + e.getKey()));
        }
        return m;
    }

    private static Object toValue(JsonNode v, String path) throws DescriptorException {
        if (v.isObject()) {
            return toMap(v, path);
        }
        if (v.isArray()) {
            requireList(v, path);
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                l.add(toValue(v.get(i), path + "[" + i + "]"));
            }
            return List.copyOf(l);
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            // a whole number beyond a long is read as a double rather than wrapped; 1e999 would be infinite
            double d = v.asDouble();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new DescriptorException(path, "not a finite number");
            }
            return d;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.isNull() ? "" : v.asText();
    }

    private static String fmt(double d) {
        return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}

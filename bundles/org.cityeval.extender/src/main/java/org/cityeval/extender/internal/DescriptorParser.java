package org.cityeval.extender.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * become an assumed weight), weights must add up, ids must be unique, rule names must be known.
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

    static final String DEFAULT_SCORING = "direct-points";
    static final String DEFAULT_AGGREGATION = "weighted-sum";
    private static final Pattern MODEL_ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** Column names the importers read as city identity or printed checks, so no indicator may use them. */
    private static final Set<String> RESERVED = Set.of(EvaluationModel.ROOT_ID, "adcode", "city", "name", "province",
            "rank", "tier", "city_type", "note", "notes", "source", "year");
    private static final double TOLERANCE = 1e-9;
    private static final String[] INDICATOR_FIELDS = { "id", "name", "level", "weight", "direction", "unit",
            "scoring", "aggregation", "description", "children", "source", "binding" };
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

    private final RuleNames rules;
    private final Map<String, WeightOverride> overrides;
    private final String overrideSource;
    private final Set<String> overridden = new HashSet<>();
    private final Set<String> ids = new HashSet<>();
    /** JSON path of each indicator, by id, for messages about references between them. */
    private final Map<String, String> paths = new HashMap<>();
    private final List<String> missingRules = new ArrayList<>();
    private int nodeCount;
    private String defaultScoring = DEFAULT_SCORING;
    private String defaultAggregation = DEFAULT_AGGREGATION;

    private DescriptorParser(RuleNames rules, Map<String, WeightOverride> overrides, String overrideSource) {
        this.rules = rules;
        this.overrides = overrides;
        this.overrideSource = overrideSource;
    }

    /**
     * @param json  the descriptor's bytes
     * @param rules the rule names known now
     * @return the validated model
     * @throws DescriptorException at the first problem; {@link DescriptorException#missingRule()} tells when
     *                             the only problem is a rule the runtime does not have (yet)
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
        if (json.length > MAX_BYTES) {
            throw new DescriptorException("$", "descriptor is " + json.length + " bytes; the limit is " + MAX_BYTES);
        }
        JsonNode root = DescriptorJson.read(json);
        if (root == null || !root.isObject()) {
            throw new DescriptorException("$", "a descriptor is a JSON object");
        }
        DescriptorParser p = new DescriptorParser(rules, overrides, overrideSource);
        EvaluationModel model = p.model(root);
        ReferenceCycles.check(model.root(), p.paths);
        for (String id : overrides.keySet()) {
            if (!p.overridden.contains(id)) {
                throw new DescriptorException("$", overrideSource + " overrides the weight of '" + id
                        + "', but the model has no such indicator");
            }
        }
        if (!p.missingRules.isEmpty()) {
            throw new DescriptorException(p.missingRules.get(0), true);
        }
        return model;
    }

    private EvaluationModel model(JsonNode o) throws DescriptorException {
        allowOnly(o, "$", "id", "title", "institution", "edition", "year", "scale", "defaults", "tree", "tiers",
                "groups", "reference", "notes", "missing", "$schema");
        String id = text(o, "$", "id", true);
        if (!MODEL_ID.matcher(id).matches()) {
            throw new DescriptorException("$.id",
                    "model id '" + id + "' must be lower-case letters, digits, '.' or '-' (at most 64)");
        }
        LocalizedText title = localized(o.get("title"), "$.title", true);
        LocalizedText institution = localized(o.get("institution"), "$.institution", true);
        String edition = text(o, "$", "edition", false);
        int year = integer(o, "$", "year", 1990, 2100);
        Scale scale = scale(o.get("scale"), "$.scale");
        defaults(o.get("defaults"), "$.defaults");

        JsonNode tree = o.get("tree");
        if (tree == null || !tree.isArray() || tree.isEmpty()) {
            throw new DescriptorException("$.tree", "the tree is a non-empty array of level-1 indicators");
        }
        Weight rootWeight = new Weight(scale.max(), Provenance.PUBLISHED, "the model's scale");
        List<Indicator> level1 = children(tree, "$.tree", 1, scale.max());
        Indicator root = new Indicator(EvaluationModel.ROOT_ID, new LocalizedText("总分", "Total"), 0, rootWeight,
                Direction.POSITIVE, null, null, new RuleRef(defaultAggregation, Map.of()), null, level1);

        TierScheme tiers = o.has("tiers") ? tierScheme(o.get("tiers"), "$.tiers") : null;
        List<GroupScheme> groups = new ArrayList<>();
        JsonNode g = o.get("groups");
        if (g != null) {
            requireList(g, "$.groups");
            Set<String> kinds = new HashSet<>();
            for (int i = 0; i < g.size(); i++) {
                GroupScheme scheme = group(g.get(i), "$.groups[" + i + "]");
                if (!kinds.add(scheme.kind())) {
                    throw new DescriptorException("$.groups[" + i + "].kind", "duplicate group kind '" + scheme.kind() + "'");
                }
                groups.add(scheme);
            }
        }
        ReferenceData reference = o.has("reference") ? reference(o.get("reference"), "$.reference") : null;
        List<String> notes = new ArrayList<>();
        JsonNode n = o.get("notes");
        if (n != null) {
            requireList(n, "$.notes");
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isTextual()) {
                    throw new DescriptorException("$.notes[" + i + "]", "a note is a string");
                }
                notes.add(n.get(i).asText());
            }
        }
        MissingData missing = o.has("missing") ? missing(o.get("missing"), "$.missing") : MissingData.NONE;
        return new EvaluationModel(id, title, institution, edition, year, scale, root, tiers, groups, reference, notes,
                missing);
    }

    private MissingData missing(JsonNode m, String path) throws DescriptorException {
        requireObject(m, path);
        allowOnly(m, path, "method", "groupBy", "minCoverage");
        String method = text(m, path, "method", true);
        if (MissingData.Method.of(method).isEmpty()) { // the one list of methods, the API's
            throw new DescriptorException(path + ".method", "'" + method + "' is not one of "
                    + String.join(", ", new java.util.TreeSet<>(MissingData.Method.labels())));
        }
        String groupBy = m.hasNonNull("groupBy") ? text(m, path, "groupBy", true) : null;
        if (groupBy != null) {
            known(new RuleRef(groupBy, Map.of()), path + ".groupBy", RuleKind.GROUPING);
        }
        Double min = null;
        if (m.has("minCoverage")) {
            min = number(m, path, "minCoverage");
            if (min < 0 || min > 1) {
                throw new DescriptorException(path + ".minCoverage", "a share of the model's weight, 0..1");
            }
        }
        return new MissingData(method, groupBy, min);
    }

    private Binding binding(JsonNode b, String path) throws DescriptorException {
        requireObject(b, path);
        allowOnly(b, path, "formula", "variables", "scoring", "direction", "note");
        String formula = b.hasNonNull("formula") ? text(b, path, "formula", true) : "value";
        Integer arity = FORMULAS.get(formula);
        if (arity == null) {
            throw new DescriptorException(path + ".formula", "'" + formula + "' is not one of "
                    + String.join(", ", new java.util.TreeSet<>(FORMULAS.keySet())));
        }
        JsonNode vs = b.get("variables");
        if (vs == null || !vs.isArray() || vs.isEmpty()) {
            throw new DescriptorException(path + ".variables", "a non-empty array of catalogue variable ids");
        }
        requireList(vs, path + ".variables");
        List<String> variables = new ArrayList<>();
        for (int i = 0; i < vs.size(); i++) {
            if (!vs.get(i).isTextual() || vs.get(i).asText().isBlank()) {
                throw new DescriptorException(path + ".variables[" + i + "]", "a variable id");
            }
            variables.add(vs.get(i).asText());
        }
        if (arity > 0 && variables.size() != arity || arity < 0 && variables.size() < 2) {
            throw new DescriptorException(path + ".variables", "'" + formula + "' takes "
                    + (arity < 0 ? "two or more variables" : arity + (arity == 1 ? " variable" : " variables")));
        }
        RuleRef scoring = b.has("scoring") ? rule(b.get("scoring"), path + ".scoring", RuleKind.SCORING) : null;
        Direction direction = null;
        if (b.has("direction")) {
            String d = text(b, path, "direction", true);
            direction = switch (d) {
                case "positive" -> Direction.POSITIVE;
                case "negative" -> Direction.NEGATIVE;
                default -> throw new DescriptorException(path + ".direction", "'" + d + "' is not 'positive' or 'negative'");
            };
        }
        return new Binding(formula, variables, scoring, direction, b.hasNonNull("note") ? text(b, path, "note", false) : null);
    }

    private void defaults(JsonNode d, String path) throws DescriptorException {
        if (d == null) {
            return;
        }
        requireObject(d, path);
        allowOnly(d, path, "scoring", "aggregation");
        if (d.has("scoring")) {
            defaultScoring = rule(d.get("scoring"), path + ".scoring", RuleKind.SCORING).rule();
        }
        if (d.has("aggregation")) {
            defaultAggregation = rule(d.get("aggregation"), path + ".aggregation", RuleKind.AGGREGATION).rule();
        }
    }

    private Scale scale(JsonNode s, String path) throws DescriptorException {
        if (s == null) {
            throw new DescriptorException(path, "missing: e.g. {\"kind\": \"points\", \"max\": 100, \"precision\": 1}");
        }
        requireObject(s, path);
        allowOnly(s, path, "kind", "max", "precision");
        String kind = text(s, path, "kind", true);
        if (!kind.equals("points") && !kind.equals("index")) {
            throw new DescriptorException(path + ".kind", "'" + kind + "' is not 'points' or 'index'");
        }
        double max = number(s, path, "max");
        if (!(max > 0)) {
            throw new DescriptorException(path + ".max", "must be positive");
        }
        int precision = integer(s, path, "precision", 0, 6);
        return new Scale(kind, max, precision);
    }

    /** Reads siblings and settles their weights: they must add up to the parent's, unknown ones share the rest. */
    private List<Indicator> children(JsonNode array, String path, int level, double parentWeight)
            throws DescriptorException {
        if (level > MAX_DEPTH) {
            throw new DescriptorException(path, "the tree is deeper than " + MAX_DEPTH + " levels");
        }
        int n = array.size();
        if (nodeCount + n > MAX_NODES) {
            // refused before any sibling is looked at: the first one over the limit is named
            throw new DescriptorException(path + "[" + (MAX_NODES - nodeCount) + "]", "more than " + MAX_NODES
                    + " indicators");
        }
        double[] values = new double[n];
        boolean[] unknown = new boolean[n];
        double known = 0;
        int unknownCount = 0;
        for (int i = 0; i < n; i++) {
            String p = path + "[" + i + "]";
            JsonNode node = array.get(i);
            requireObject(node, p);
            allowOnly(node, p, INDICATOR_FIELDS);
            JsonNode w = node.get("weight");
            if (w == null) {
                throw new DescriptorException(p + ".weight",
                        "missing: give {\"value\": ..., \"provenance\": ...}, or {\"provenance\": \"assumed\"} for an equal share");
            }
            requireObject(w, p + ".weight");
            allowOnly(w, p + ".weight", "value", "provenance", "note");
            Provenance prov = provenance(w, p + ".weight");
            WeightOverride override = overrides.get(node.path("id").asText());
            if (override != null) {
                if (prov != Provenance.ASSUMED && prov != Provenance.INFERRED) {
                    throw new DescriptorException(p + ".weight", overrideSource + " overrides the " + prov
                            + " weight of '" + node.path("id").asText()
                            + "'; only assumed or inferred weights can be set by configuration");
                }
                overridden.add(node.path("id").asText());
                values[i] = override.value();
                known += values[i];
            } else if (w.has("value")) {
                values[i] = number(w, p + ".weight", "value");
                if (values[i] < 0) {
                    throw new DescriptorException(p + ".weight.value", "a weight cannot be negative");
                }
                known += values[i];
            } else if (prov == Provenance.ASSUMED) {
                unknown[i] = true;
                unknownCount++;
            } else {
                throw new DescriptorException(p + ".weight.value",
                        "missing; only an 'assumed' weight may be left out (it then takes an equal share of what its "
                                + "siblings leave of the parent's points)");
            }
        }
        double remaining = parentWeight - known;
        if (unknownCount > 0) {
            if (remaining < -TOLERANCE * Math.max(1, parentWeight)) {
                throw new DescriptorException(path, "the given weights add up to " + fmt(known)
                        + ", more than the parent's " + fmt(parentWeight) + ", leaving nothing for the assumed ones");
            }
        } else if (Math.abs(remaining) > TOLERANCE * Math.max(1, parentWeight)) {
            throw new DescriptorException(path,
                    "children's weights add up to " + fmt(known) + " but the parent's weight is " + fmt(parentWeight));
        }
        double share = unknownCount == 0 ? 0 : Math.max(0, remaining) / unknownCount;
        List<Indicator> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double value = unknown[i] ? share : values[i];
            out.add(indicator(array.get(i), path + "[" + i + "]", level, value, unknown[i]));
        }
        return out;
    }

    private Indicator indicator(JsonNode o, String path, int level, double weightValue, boolean equalShare)
            throws DescriptorException {
        if (++nodeCount > MAX_NODES) {
            throw new DescriptorException(path, "more than " + MAX_NODES + " indicators");
        }
        String id = text(o, path, "id", true);
        if (!NODE_ID.matcher(id).matches()) {
            throw new DescriptorException(path + ".id",
                    "indicator id '" + id + "' must be letters, digits, '_', '.' or '-' (at most 64)");
        }
        if (RESERVED.contains(id.toLowerCase())) {
            throw new DescriptorException(path + ".id", "'" + id + "' is reserved for a data column");
        }
        if (!ids.add(id)) {
            throw new DescriptorException(path + ".id", "duplicate indicator id '" + id + "'");
        }
        paths.put(id, path);
        LocalizedText name = localized(o.get("name"), path + ".name", true);
        if (o.has("level")) {
            int declared = integer(o, path, "level", 0, MAX_DEPTH);
            if (declared != level) {
                throw new DescriptorException(path + ".level",
                        "declared level " + declared + " but the indicator sits at level " + level);
            }
        }
        JsonNode w = o.get("weight");
        Provenance provenance = provenance(w, path + ".weight");
        String note = w.hasNonNull("note") ? text(w, path + ".weight", "note", false) : null;
        WeightOverride override = overrides.get(id);
        if (override != null) {
            provenance = override.provenance();
            note = "set by " + overrideSource + (override.note() == null ? "" : ": " + override.note())
                    + " (the descriptor's was " + provenance(w, path + ".weight") + ")";
        } else if (equalShare) {
            note = (note == null ? "" : note + "; ") + "equal share of the parent's unassigned points";
        }
        Weight weight = new Weight(weightValue, provenance, note);
        Direction direction = Direction.POSITIVE;
        if (o.has("direction")) {
            String d = text(o, path, "direction", true);
            direction = switch (d) {
                case "positive", "+", "1" -> Direction.POSITIVE;
                case "negative", "-", "-1" -> Direction.NEGATIVE;
                default -> throw new DescriptorException(path + ".direction", "'" + d + "' is not 'positive' or 'negative'");
            };
        }
        String unit = o.hasNonNull("unit") ? text(o, path, "unit", false) : null;
        String description = o.hasNonNull("description") ? text(o, path, "description", false) : null;
        JsonNode kids = o.get("children");
        List<Indicator> children = List.of();
        if (kids != null) {
            requireArray(kids, path + ".children");
            if (kids.isEmpty()) {
                throw new DescriptorException(path + ".children", "empty; leave 'children' out for a leaf");
            }
            if (!(weightValue > 0)) {
                // its children's weights would add up to 0: their shares of it (w / Σw) are undefined
                throw new DescriptorException(path + ".weight", "an indicator with children needs a positive weight; '"
                        + id + "' has " + fmt(weightValue) + (equalShare ? " (its equal share of what its siblings leave)"
                                : "") + ", so its children's weights would add up to 0");
            }
            children = children(kids, path + ".children", level + 1, weightValue);
        }
        RuleRef scoring = null;
        RuleRef aggregation = null;
        Binding binding = null;
        if (o.has("binding")) {
            if (!children.isEmpty()) {
                throw new DescriptorException(path + ".binding", "only leaves are bound to catalogue variables");
            }
            binding = binding(o.get("binding"), path + ".binding");
        }
        if (children.isEmpty()) {
            if (o.has("aggregation")) {
                throw new DescriptorException(path + ".aggregation", "a leaf has no aggregation; did you mean 'scoring'?");
            }
            scoring = o.has("scoring") ? rule(o.get("scoring"), path + ".scoring", RuleKind.SCORING)
                    : known(new RuleRef(defaultScoring, Map.of()), path, RuleKind.SCORING);
        } else {
            if (o.has("scoring")) {
                throw new DescriptorException(path + ".scoring",
                        "only leaves have a scoring rule; an indicator with children has an 'aggregation'");
            }
            aggregation = o.has("aggregation") ? rule(o.get("aggregation"), path + ".aggregation", RuleKind.AGGREGATION)
                    : known(new RuleRef(defaultAggregation, Map.of()), path, RuleKind.AGGREGATION);
        }
        return new Indicator(id, name, level, weight, direction, unit, scoring, aggregation, description, children,
                binding);
    }

    private RuleRef known(RuleRef ref, String path, RuleKind kind) {
        if (!rules.known(kind, ref.rule())) {
            Set<String> available = rules.available(kind);
            missingRules.add(path + ": " + kind.label() + " rule '" + ref.rule() + "' is not available"
                    + (available.isEmpty() ? "" : "; available: " + String.join(", ", new java.util.TreeSet<>(available))));
        }
        return ref;
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
        String rule = text(t, path, "rule", true);
        known(new RuleRef(rule, Map.of()), path + ".rule", RuleKind.TIER);
        JsonNode list = t.get("tiers");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new DescriptorException(path + ".tiers", "a non-empty array of tiers, best first");
        }
        requireList(list, path + ".tiers");
        List<Tier> tiers = new ArrayList<>();
        Set<String> tierIds = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = path + ".tiers[" + i + "]";
            JsonNode o = list.get(i);
            requireObject(o, p);
            allowOnly(o, p, "id", "name", "min", "max", "share", "count");
            String id = text(o, p, "id", true);
            if (!tierIds.add(id)) {
                throw new DescriptorException(p + ".id", "duplicate tier id '" + id + "'");
            }
            Double min = o.has("min") ? number(o, p, "min") : null;
            Double max = o.has("max") ? number(o, p, "max") : null;
            Double share = o.has("share") ? number(o, p, "share") : null;
            if (min != null && max != null && !(min < max)) {
                throw new DescriptorException(p, "min " + fmt(min) + " is not below max " + fmt(max));
            }
            if (share != null && !(share > 0 && share <= 1)) {
                throw new DescriptorException(p + ".share", "a share is in (0, 1]");
            }
            Integer count = o.has("count") ? integer(o, p, "count", 1, 1_000_000) : null;
            if (share != null && count != null) {
                throw new DescriptorException(p, "give a share or a count, not both");
            }
            tiers.add(new Tier(id, o.has("name") ? localized(o.get("name"), p + ".name", true) : null, min, max, share,
                    count));
        }
        Map<String, Object> parameters = Map.of();
        if (t.has("parameters")) {
            requireObject(t.get("parameters"), path + ".parameters");
            parameters = toMap(t.get("parameters"), path + ".parameters");
        }
        return new TierScheme(rule, tiers, parameters);
    }

    private GroupScheme group(JsonNode g, String path) throws DescriptorException {
        requireObject(g, path);
        allowOnly(g, path, "kind", "name", "membership", "tiers");
        String kind = text(g, path, "kind", true);
        LocalizedText name = g.has("name") ? localized(g.get("name"), path + ".name", true) : null;
        String membership = text(g, path, "membership", true);
        known(new RuleRef(membership, Map.of()), path + ".membership", RuleKind.GROUPING);
        TierScheme tiers = g.has("tiers") ? tierScheme(g.get("tiers"), path + ".tiers") : null;
        return new GroupScheme(kind, name, membership, tiers);
    }

    private ReferenceData reference(JsonNode r, String path) throws DescriptorException {
        requireObject(r, path);
        allowOnly(r, path, "path", "source", "note");
        String p = text(r, path, "path", true);
        if (p.startsWith("/") || p.contains("..")) {
            throw new DescriptorException(path + ".path", "a path inside the bundle, without '..' or a leading '/'");
        }
        return new ReferenceData(p, text(r, path, "source", true), r.hasNonNull("note") ? text(r, path, "note", false) : null);
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

    private static LocalizedText localized(JsonNode n, String path, boolean required) throws DescriptorException {
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

    private static void allowOnly(JsonNode o, String path, String... names) throws DescriptorException {
        Set<String> allowed = Set.of(names);
        for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new DescriptorException(path + "." + f, "unknown field '" + f + "'; allowed here: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
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

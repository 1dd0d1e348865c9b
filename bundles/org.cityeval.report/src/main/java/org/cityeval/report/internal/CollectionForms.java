package org.cityeval.report.internal;

import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CityResolutionException;
import org.cityeval.api.data.Variable;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.workflow.CollectionForm;
import org.cityeval.api.workflow.CollectionForm.Field;
import org.cityeval.api.workflow.CollectionForm.Level;
import org.cityeval.api.workflow.CollectionForm.Use;
import org.cityeval.api.workflow.FormRequest;
import org.cityeval.api.workflow.WorkflowException;

/**
 * What a collection form asks for, from the models' trees: the columns, their definitions and ranges, the
 * cities and the years. The columns are what the engine reads (see docs/descriptor.md, "A binding"): a leaf bound
 * to catalogue variables asks for each variable of its binding, any other leaf for its own id. Two leaves reading
 * the same column share it; its range is then what both accept.
 * <p>
 * Ranges: a variable's catalogue {@code bounds} ({@code nonnegative}: from 0, {@code share}: 0 to 1); a leaf's
 * own value by its scoring rule: {@code direct-points} 0 to the leaf's weight (the value is its points),
 * {@code share} 0 to 1, {@code ordinal} one of its levels; the other rules score any number, so no range.
 */
final class CollectionForms {
    /** The first and last year a form (and the importers) accept. */
    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2100;

    private CollectionForms() {
    }

    /**
     * @param models    resolves a model id, empty when none is loaded under it
     * @param loaded    the ids loaded, for the message naming them
     * @param variables resolves a catalogue variable, empty when unknown
     */
    static CollectionForm build(FormRequest request, Function<String, Optional<EvaluationModel>> models,
            List<String> loaded, CityRegistry registry, Function<String, Optional<Variable>> variables) {
        String lang = request.lang() == null ? "zh" : request.lang().strip().toLowerCase(Locale.ROOT);
        if (!lang.equals("zh") && !lang.equals("en")) {
            throw WorkflowException.invalid("language " + WorkflowException.quote(request.lang())
                    + " is not one of zh or en");
        }
        if (request.models().isEmpty()) {
            throw WorkflowException.invalid("no model: name at least one model id; loaded: " + String.join(", ", loaded));
        }
        List<EvaluationModel> list = new ArrayList<>();
        for (String id : request.models()) {
            String m = id.strip();
            list.add(models.apply(m).orElseThrow(() -> WorkflowException.notFound("unknown model "
                    + WorkflowException.quote(m) + "; loaded: " + String.join(", ", loaded))));
            EvaluationModel added = list.get(list.size() - 1);
            if (!EvaluationModel.UNITS_CITY.equals(added.units())) {
                throw WorkflowException.invalid("model " + added.id() + " evaluates " + added.units() + " units; a form"
                        + " lists the prefecture-level cities of the city registry, so it is written for city models only");
            }
        }
        Map<String, Draft> fields = new LinkedHashMap<>();
        for (EvaluationModel model : list) {
            double total = model.root().weight().value();
            for (Indicator leaf : leaves(model.root(), new ArrayList<>())) {
                if (leaf.binding() != null && !leaf.binding().variables().isEmpty()) {
                    for (String v : leaf.binding().variables()) {
                        Optional<Variable> variable = variables.apply(v);
                        Optional<Indicator> node = model.node(v);
                        Draft d = fields.computeIfAbsent(v, k -> variable.isPresent() || node.isEmpty()
                                ? variableDraft(k, variable.orElse(null))
                                : leafDraft(node.get()));
                        d.uses.add(use(model, leaf, total, leaf.binding().note()));
                    }
                } else {
                    Draft own = leafDraft(leaf);
                    Draft d = fields.putIfAbsent(leaf.id(), own);
                    if (d == null) {
                        d = own;
                    } else {
                        d.narrow(own);
                    }
                    d.uses.add(use(model, leaf, total, null));
                }
            }
        }
        List<Field> out = new ArrayList<>();
        for (Draft d : fields.values()) {
            out.add(new Field(d.column, d.variable, d.label, d.unit, d.direction, d.min, d.max, d.levels, d.uses));
        }
        return new CollectionForm(list.stream().map(EvaluationModel::id).toList(), cities(request, registry),
                years(request), out);
    }

    private static List<Indicator> leaves(Indicator n, List<Indicator> into) {
        if (n.leaf()) {
            into.add(n);
        }
        for (Indicator c : n.children()) {
            leaves(c, into);
        }
        return into;
    }

    private static Use use(EvaluationModel model, Indicator leaf, double total, String bindingNote) {
        double w = leaf.weight().value();
        return new Use(model.id(), leaf.id(), leaf.name(), w, total > 0 ? w / total : 0, leaf.weight().provenance(),
                leaf.weight().note(), bindingNote);
    }

    /** A column as it is being built: ranges narrow as more leaves read it. */
    private static final class Draft {
        final String column;
        final boolean variable;
        LocalizedText label;
        String unit;
        org.cityeval.api.model.Direction direction;
        Double min;
        Double max;
        List<Level> levels = List.of();
        final List<Use> uses = new ArrayList<>();

        Draft(String column, boolean variable) {
            this.column = column;
            this.variable = variable;
        }

        void narrow(Draft other) {
            if (other.min != null) {
                min = min == null ? other.min : Math.max(min, other.min);
            }
            if (other.max != null) {
                max = max == null ? other.max : Math.min(max, other.max);
            }
            if (levels.isEmpty()) {
                levels = other.levels;
            } else if (!other.levels.isEmpty()) {
                List<Level> both = new ArrayList<>();
                for (Level l : levels) {
                    if (other.levels.stream().anyMatch(o -> o.value() == l.value())) {
                        both.add(l);
                    }
                }
                levels = both;
            }
        }
    }

    private static Draft variableDraft(String id, Variable v) {
        Draft d = new Draft(id, true);
        if (v == null) {
            d.label = new LocalizedText(null, id);
            return d;
        }
        d.label = v.name();
        d.unit = v.unit();
        d.direction = v.polarity();
        if ("nonnegative".equals(v.bounds())) {
            d.min = 0.0;
        } else if ("share".equals(v.bounds())) {
            d.min = 0.0;
            d.max = 1.0;
        }
        return d;
    }

    private static Draft leafDraft(Indicator leaf) {
        Draft d = new Draft(leaf.id(), false);
        d.label = leaf.name();
        d.unit = leaf.unit();
        d.direction = leaf.direction();
        RuleRef scoring = leaf.scoring();
        String rule = scoring == null ? "direct-points" : scoring.rule();
        switch (rule) {
            case "direct-points" -> {
                d.min = 0.0;
                d.max = leaf.weight().value();
                if (d.unit == null) {
                    d.unit = "分 (points)";
                }
            }
            case "share" -> {
                d.min = 0.0;
                d.max = 1.0;
            }
            case "ordinal" -> d.levels = levels(scoring.parameters().get("levels"));
            default -> {
                // min-max, goalposts, z-score, rank, distance-to-target, a plug-in rule: any number scores
            }
        }
        return d;
    }

    private static List<Level> levels(Object parameter) {
        List<Level> levels = new ArrayList<>();
        if (parameter instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("value") instanceof Number n) {
                    Object label = m.get("label");
                    String text = label instanceof Map<?, ?> l
                            ? l.get("zh") != null ? l.get("zh") + (l.get("en") == null ? "" : " / " + l.get("en"))
                                    : String.valueOf(l.get("en"))
                            : label == null ? null : label.toString();
                    levels.add(new Level(n.doubleValue(), text));
                }
            }
        }
        return levels;
    }

    private static List<City> cities(FormRequest request, CityRegistry registry) {
        String province = request.province() == null || request.province().isBlank() ? null : request.province().strip();
        TreeMap<String, City> chosen = new TreeMap<>();
        if (!request.cities().isEmpty()) {
            for (String key : request.cities()) {
                try {
                    City c = province == null ? registry.resolve(key.strip()) : registry.resolve(key.strip(), province);
                    if (province != null && !inProvince(c, province)) {
                        throw WorkflowException.invalid("city " + WorkflowException.quote(key) + " (" + c.name()
                                + ") is not in " + province);
                    }
                    chosen.put(c.adcode(), c);
                } catch (CityResolutionException e) {
                    throw WorkflowException.invalid(e.getMessage());
                }
            }
        } else {
            for (City c : registry.cities()) {
                if (province == null || inProvince(c, province)) {
                    chosen.put(c.adcode(), c);
                }
            }
            if (chosen.isEmpty()) {
                java.util.Set<String> names = new java.util.TreeSet<>();
                registry.cities().forEach(c -> names.add(c.province()));
                throw WorkflowException.invalid("unknown province " + WorkflowException.quote(province)
                        + "; provinces: " + String.join(", ", names));
            }
        }
        return List.copyOf(chosen.values());
    }

    private static boolean inProvince(City c, String province) {
        return province.equals(c.province()) || province.equals(c.provinceShort())
                || province.equals(c.provinceAdcode());
    }

    private static List<Integer> years(FormRequest request) {
        if (request.years().isEmpty()) {
            return List.of(Year.now().getValue() - 1);
        }
        java.util.TreeSet<Integer> years = new java.util.TreeSet<>();
        for (Integer y : request.years()) {
            if (y == null || y < FIRST_YEAR || y > LAST_YEAR) {
                throw WorkflowException.invalid("year " + y + " is outside " + FIRST_YEAR + ".." + LAST_YEAR);
            }
            years.add(y);
        }
        return List.copyOf(years);
    }
}

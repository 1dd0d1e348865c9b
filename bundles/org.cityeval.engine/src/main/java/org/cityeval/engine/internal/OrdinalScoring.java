package org.cityeval.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityeval.api.model.Indicator;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ordinal}: the raw value is a code for one of a few levels (built, partly built, planned, none),
 * and each level scores a fixed share of the leaf's weight: points = share × weight. A missing value stays
 * missing; a value that is no level's code is an error that lists the levels.
 * <p>
 * Parameter {@code levels} (required): a non-empty list of objects, each with
 * <ul>
 * <li>{@code value}: the code as the dataset writes it (a number; compared as a double);</li>
 * <li>{@code share}: the share of the weight the level scores, 0..1;</li>
 * <li>{@code label} (optional): what the level means, a text or {@code {"zh": ..., "en": ...}}; shown in
 * messages.</li>
 * </ul>
 * Codes must be distinct. Descriptor example (a unified data platform: built 1.0, partly built 0.6,
 * planned 0.2, none 0):
 *
 * <pre>
 * "scoring": {"rule": "ordinal", "parameters": {"levels": [
 *   {"value": 3, "label": {"zh": "已建成统一平台", "en": "unified platform built"}, "share": 1.0},
 *   {"value": 2, "label": {"zh": "部分建成", "en": "partly built"}, "share": 0.6},
 *   {"value": 1, "label": {"zh": "规划中", "en": "planned"}, "share": 0.2},
 *   {"value": 0, "label": {"zh": "无", "en": "none"}, "share": 0}
 * ]}}
 * </pre>
 */
// the parameters it reads, declared so that validation finds a misspelt one before evaluation
@Component(property = { Rules.NAME + "=" + OrdinalScoring.NAME, Rules.PARAMETERS + "=" + OrdinalScoring.LEVELS })
public class OrdinalScoring implements ScoringRule {
    public static final String NAME = "ordinal";
    static final String LEVELS = "levels";

    /** One level: its code, its share of the weight and its label (may be {@code null}). */
    record Level(double value, double share, String label) {
        String shown() {
            return Numbers.plain(value) + (label == null ? "" : " = " + label);
        }
    }

    @Override
    public double[] score(double[] raw, Indicator indicator, Map<String, Object> parameters) {
        String context = NAME + " on " + indicator.id();
        List<Level> levels = levels(parameters, context);
        double w = indicator.weight().value();
        double[] out = new double[raw.length];
        Set<String> unknown = new LinkedHashSet<>();
        for (int i = 0; i < raw.length; i++) {
            double x = raw[i];
            out[i] = Double.NaN;
            if (Double.isNaN(x)) {
                continue;
            }
            Level level = null;
            for (Level l : levels) {
                if (l.value() == x) {
                    level = l;
                    break;
                }
            }
            if (level == null) {
                unknown.add(Numbers.plain(x));
            } else {
                out[i] = level.share() * w;
            }
        }
        if (!unknown.isEmpty()) {
            List<String> allowed = new ArrayList<>();
            for (Level l : levels) {
                allowed.add(l.shown());
            }
            throw new IllegalArgumentException(context + ": " + (unknown.size() == 1
                    ? "the value " + unknown.iterator().next() + " is not one of its levels"
                    : "the values " + String.join(", ", unknown) + " are not among its levels")
                    + "; allowed: " + String.join("; ", allowed));
        }
        return out;
    }

    /** @return the levels as the parameters give them, checked */
    static List<Level> levels(Map<String, Object> parameters, String context) {
        RuleParameters.allowOnly(parameters, context, LEVELS);
        Object v = parameters.get(LEVELS);
        String shape = " (a list of {\"value\": code, \"label\": text, \"share\": 0..1})";
        if (v == null) {
            throw new IllegalArgumentException(context + " needs the parameter '" + LEVELS + "'" + shape);
        }
        if (!(v instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(context + ": parameter '" + LEVELS + "' must be a non-empty list"
                    + shape + ", not " + (v instanceof List ? "an empty list" : RuleParameters.describe(v)));
        }
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String what = context + ": level " + (i + 1);
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(what + " must be an object {\"value\", \"label\", \"share\"}, not "
                        + RuleParameters.describe(list.get(i)));
            }
            for (Object key : m.keySet()) {
                if (!"value".equals(key) && !"label".equals(key) && !"share".equals(key)) {
                    throw new IllegalArgumentException(what + ": unknown field '" + key
                            + "' (known: value, label, share)");
                }
            }
            if (m.get("value") == null) {
                throw new IllegalArgumentException(what + " needs a 'value' (the code the dataset writes)");
            }
            if (m.get("share") == null) {
                throw new IllegalArgumentException(what + " needs a 'share' (0..1 of the weight)");
            }
            double value = RuleParameters.toNumber(m.get("value"), what + ": 'value'");
            double share = RuleParameters.toNumber(m.get("share"), what + ": 'share'");
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException(what + ": 'share' must be between 0 and 1, not "
                        + Numbers.plain(share));
            }
            String label = label(m.get("label"), what);
            for (Level l : levels) {
                if (l.value() == value) {
                    throw new IllegalArgumentException(what + ": the value " + Numbers.plain(value)
                            + " is already level " + (levels.indexOf(l) + 1) + "'s");
                }
            }
            levels.add(new Level(value, share, label));
        }
        return levels;
    }

    private static String label(Object v, String what) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s.isBlank() ? null : s;
        }
        if (v instanceof Map<?, ?> m) {
            for (Object key : m.keySet()) {
                if (!"zh".equals(key) && !"en".equals(key)) {
                    throw new IllegalArgumentException(what + ": unknown field 'label." + key + "' (known: zh, en)");
                }
            }
            for (Object text : m.values()) {
                if (!(text instanceof String)) {
                    throw new IllegalArgumentException(what + ": 'label' must have texts in zh and en, not "
                            + RuleParameters.describe(text));
                }
            }
            String zh = m.get("zh") instanceof String s && !s.isBlank() ? s : null;
            String en = m.get("en") instanceof String s && !s.isBlank() ? s : null;
            if (zh != null && en != null) {
                return zh + " (" + en + ")";
            }
            return zh != null ? zh : en;
        }
        throw new IllegalArgumentException(what + ": 'label' must be a text or {\"zh\": ..., \"en\": ...}, not "
                + RuleParameters.describe(v));
    }
}

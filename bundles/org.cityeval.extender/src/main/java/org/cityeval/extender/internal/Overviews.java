package org.cityeval.extender.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelOverview;

/** Builds the listing view of a loaded model: indicator counts per level and weight provenance. */
final class Overviews {
    private Overviews() {
    }

    static ModelOverview of(LoadedModel lm) {
        EvaluationModel m = lm.model();
        return new ModelOverview(m.id(), m.title(), m.institution(), m.edition(), m.year(), m.scale(),
                levelCounts(m.root()), provenance(m.root()), m.tiers() == null ? null : m.tiers().rule(),
                m.groups().stream().map(g -> g.kind()).toList(), m.reference(), m.notes(), lm.bundle(),
                lm.bundleVersion(), lm.descriptor());
    }

    /** Indicator counts per level, level 1 first. */
    static List<Integer> levelCounts(Indicator root) {
        List<Integer> counts = new ArrayList<>();
        count(root, counts);
        return List.copyOf(counts);
    }

    private static void count(Indicator node, List<Integer> counts) {
        for (Indicator c : node.children()) {
            while (counts.size() < c.level()) {
                counts.add(0);
            }
            counts.set(c.level() - 1, counts.get(c.level() - 1) + 1);
            count(c, counts);
        }
    }

    /** Weights per provenance (the root, which is the scale, excluded), every provenance listed. */
    static Map<String, Integer> provenance(Indicator root) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Provenance p : Provenance.values()) {
            m.put(p.toString(), 0);
        }
        tally(root, m);
        return m;
    }

    private static void tally(Indicator node, Map<String, Integer> m) {
        for (Indicator c : node.children()) {
            m.merge(c.weight().provenance().toString(), 1, Integer::sum);
            tally(c, m);
        }
    }
}

package org.cityeval.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.analysis.LeaveOneOut;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.Weight;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.service.EvaluationOptions;

/**
 * Leave-one-out through the one engine: the model without one node (its siblings scaled to keep their parent's
 * points, so the removed node's share goes to them in proportion to their weights) is evaluated as
 * {@code evaluate} evaluates any model, and its ranks compared with the nominal ones.
 */
final class LeaveOneOutRuns {
    static final String INDICATOR = "indicator";
    static final String DOMAIN = "domain";

    private LeaveOneOutRuns() {
    }

    static LeaveOneOut run(EvaluationEngine engine, EvaluationModel model, CityDataset data,
            EvaluationOptions options, String level) throws BadInputException {
        if (!INDICATOR.equals(level) && !DOMAIN.equals(level)) {
            throw new BadInputException(model.id(), "leave-one-out", "level '" + level
                    + "': expected indicator or domain");
        }
        EvaluationResult nominal = engine.evaluate(model, data, options);
        List<LeaveOneOut.Unit> units = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (CityResult c : nominal.cities()) {
            if (c.rank() != null) {
                index.put(c.adcode(), units.size());
                units.add(new LeaveOneOut.Unit(c.adcode(), c.name(), c.province(), c.rank()));
            }
        }
        List<Indicator[]> candidates = new ArrayList<>(); // {node, parent}
        collect(model.root(), null, level, candidates);
        List<LeaveOneOut.Removal> removals = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Indicator[] c : candidates) {
            Indicator node = c[0];
            Indicator parent = c[1];
            if (parent.children().size() < 2) {
                notes.add(node.id() + " not removed: the only child of " + parent.id());
                continue;
            }
            EvaluationModel without = new EvaluationModel(model.id(), model.title(), model.institution(),
                    model.edition(), model.year(), model.scale(), remove(model.root(), node.id()), model.tiers(),
                    model.groups(), model.reference(), model.notes(), model.missing());
            EvaluationResult r;
            try {
                r = engine.evaluate(without, data, options);
            } catch (BadInputException e) {
                notes.add(node.id() + " not removed: without it the model cannot be evaluated: " + e.getMessage());
                continue;
            }
            List<Integer> ranks = new ArrayList<>();
            for (int u = 0; u < units.size(); u++) {
                ranks.add(null);
            }
            double sum = 0;
            int n = 0;
            int max = 0;
            for (CityResult x : r.cities()) {
                Integer u = index.get(x.adcode());
                if (u != null && x.rank() != null) {
                    ranks.set(u, x.rank());
                    int shift = Math.abs(x.rank() - units.get(u).nominal());
                    sum += shift;
                    n++;
                    max = Math.max(max, shift);
                }
            }
            removals.add(new LeaveOneOut.Removal(node.id(), node.name() == null ? null : node.name().preferred(),
                    parent.id(), node.weight().value(), ranks, n == 0 ? Double.NaN : sum / n, max));
        }
        return new LeaveOneOut(model.id(), level, units, removals, notes);
    }

    private static void collect(Indicator node, Indicator parent, String level, List<Indicator[]> out) {
        boolean leaf = node.children().isEmpty();
        if (parent != null && (DOMAIN.equals(level) ? parent.id().equals(EvaluationModel.ROOT_ID) || node.level() == 1
                : leaf)) {
            out.add(new Indicator[] { node, parent });
            if (DOMAIN.equals(level)) {
                return;
            }
        }
        for (Indicator c : node.children()) {
            collect(c, node, level, out);
        }
    }

    /** The tree without the node; its siblings scaled so that together they keep their parent's points. */
    static Indicator remove(Indicator node, String id) {
        if (node.children().stream().noneMatch(c -> c.id().equals(id))) {
            if (node.children().isEmpty()) {
                return node;
            }
            List<Indicator> kids = new ArrayList<>();
            for (Indicator c : node.children()) {
                kids.add(remove(c, id));
            }
            return with(node, node.weight(), kids);
        }
        double total = 0;
        double kept = 0;
        for (Indicator c : node.children()) {
            total += c.weight().value();
            kept += c.id().equals(id) ? 0 : c.weight().value();
        }
        List<Indicator> kids = new ArrayList<>();
        for (Indicator c : node.children()) {
            if (!c.id().equals(id)) {
                kids.add(scaled(c, total / kept));
            }
        }
        return with(node, node.weight(), kids);
    }

    /** The subtree with every weight (points) multiplied by the factor. */
    private static Indicator scaled(Indicator n, double factor) {
        List<Indicator> kids = new ArrayList<>();
        for (Indicator c : n.children()) {
            kids.add(scaled(c, factor));
        }
        Weight w = n.weight();
        return with(n, new Weight(w.value() * factor, w.provenance(), w.note()), kids);
    }

    private static Indicator with(Indicator n, Weight weight, List<Indicator> children) {
        return new Indicator(n.id(), n.name(), n.level(), weight, n.direction(), n.unit(), n.scoring(),
                n.aggregation(), n.description(), children, n.binding());
    }
}

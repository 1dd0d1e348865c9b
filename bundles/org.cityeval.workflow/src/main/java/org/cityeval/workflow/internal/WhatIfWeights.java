package org.cityeval.workflow.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.Weight;
import org.cityeval.api.workflow.WorkflowException;

/**
 * What-if weights applied to a model before the one evaluator runs it: the given siblings share the points they
 * hold together in proportion to the given relative weights, their subtrees scaled along, and become
 * {@code assumed} (so the result's {@code assumedWeights} says assumed weights were used).
 */
final class WhatIfWeights {
    static final String NOTE = "what-if weight (assumed)";

    private WhatIfWeights() {
    }

    /** @throws WorkflowException INVALID naming the node for an unknown id, the root, or a bad value */
    static void check(EvaluationModel model, Map<String, Double> weights) {
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            String id = e.getKey();
            Double v = e.getValue();
            if (id.equals(EvaluationModel.ROOT_ID) || model.node(id).isEmpty()) {
                throw WorkflowException.invalid("weights." + id + ": " + WorkflowException.quote(id)
                        + " is not a node below the total of " + model.id());
            }
            if (v == null || !Double.isFinite(v) || v < 0) {
                throw WorkflowException.invalid("weights." + id + ": a relative weight is a finite number ≥ 0, not "
                        + v);
            }
        }
    }

    /** @return the model with these weights, or the model itself when there are none */
    static EvaluationModel apply(EvaluationModel model, Map<String, Double> weights) {
        if (weights.isEmpty()) {
            return model;
        }
        check(model, weights);
        Indicator root = reweight(model.root(), weights);
        return new EvaluationModel(model.id(), model.title(), model.institution(), model.edition(), model.year(),
                model.scale(), root, model.tiers(), model.groups(), model.reference(), model.notes(),
                model.missing(), model.units(), model.notesText());
    }

    private static Indicator reweight(Indicator node, Map<String, Double> weights) {
        if (node.leaf()) {
            return node;
        }
        double held = 0;
        double given = 0;
        for (Indicator c : node.children()) {
            if (weights.containsKey(c.id())) {
                held += c.weight().value();
                given += weights.get(c.id());
            }
        }
        if (held > 0 && !(given > 0)) {
            throw WorkflowException.invalid("weights: the given weights under " + WorkflowException.quote(node.id())
                    + " add up to 0");
        }
        List<Indicator> children = new ArrayList<>();
        for (Indicator c : node.children()) {
            Indicator child = c;
            if (weights.containsKey(c.id()) && held > 0) {
                double points = held * weights.get(c.id()) / given;
                child = scaled(c, c.weight().value() == 0 ? 0 : points / c.weight().value(),
                        new Weight(points, Provenance.ASSUMED, NOTE));
                if (c.weight().value() == 0) {
                    child = withWeight(child, new Weight(points, Provenance.ASSUMED, NOTE));
                }
            }
            children.add(reweight(child, weights));
        }
        return withChildren(node, children);
    }

    /** The node with this weight and its subtree's weights multiplied by {@code factor}. */
    private static Indicator scaled(Indicator n, double factor, Weight weight) {
        List<Indicator> children = new ArrayList<>();
        for (Indicator c : n.children()) {
            Weight w = c.weight();
            children.add(scaled(c, factor, new Weight(w.value() * factor, w.provenance(), w.note())));
        }
        return withChildren(withWeight(n, weight), children);
    }

    private static Indicator withWeight(Indicator n, Weight w) {
        return new Indicator(n.id(), n.name(), n.level(), w, n.direction(), n.unit(), n.scoring(), n.aggregation(),
                n.description(), n.children(), n.binding(), n.treatment());
    }

    private static Indicator withChildren(Indicator n, List<Indicator> children) {
        return new Indicator(n.id(), n.name(), n.level(), n.weight(), n.direction(), n.unit(), n.scoring(),
                n.aggregation(), n.description(), children, n.binding(), n.treatment());
    }

    /**
     * The result saying that what-if weights were used (catalogue key {@code evaluation.whatIf}), first among its
     * warnings: {@code what-if weights were used (assumed, not the model's own): a=2, b=1}.
     */
    static org.cityeval.api.result.EvaluationResult said(org.cityeval.api.result.EvaluationResult r,
            Map<String, Double> weights) {
        List<String> given = new ArrayList<>();
        weights.forEach((id, v) -> given.add(id + "=" + java.math.BigDecimal.valueOf(v).stripTrailingZeros()
                .toPlainString()));
        String said = "what-if weights were used (assumed, not the model's own): " + String.join(", ", given);
        List<String> warnings = new ArrayList<>();
        warnings.add(said);
        warnings.addAll(r.warnings());
        List<org.cityeval.api.result.Message> messages = new ArrayList<>();
        messages.add(org.cityeval.api.result.MessageCatalogue.of(said));
        messages.addAll(r.messages());
        return new org.cityeval.api.result.EvaluationResult(r.model(), r.cities(), r.tiers(), r.groups(),
                r.statistics(), r.checks(), warnings, r.treated(), messages);
    }
}

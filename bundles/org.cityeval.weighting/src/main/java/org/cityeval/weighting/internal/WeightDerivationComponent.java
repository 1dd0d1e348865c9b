package org.cityeval.weighting.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cityeval.api.analysis.CityProfiles;
import org.cityeval.api.analysis.DerivedWeights;
import org.cityeval.api.analysis.PipelineStages;
import org.cityeval.api.analysis.WeightDerivation;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.WeightingMethod;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Derives a node's children's weights with a weighting method: the one place that turns a model, a node
 * and data into the method's input (the children's score rates of the cities that have them all), so the
 * command line and the web API cannot compute it differently.
 */
@Component(service = WeightDerivation.class)
public class WeightDerivationComponent implements WeightDerivation {
    private final CityProfiles pipeline;
    private final Map<String, WeightingMethod> methods = new ConcurrentHashMap<>();

    @Activate
    public WeightDerivationComponent(@Reference CityProfiles pipeline) {
        this.pipeline = pipeline;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + Rules.NAME + "=*)")
    void addMethod(WeightingMethod method, Map<String, Object> props) {
        methods.put(String.valueOf(props.get(Rules.NAME)), method);
    }

    void removeMethod(WeightingMethod method, Map<String, Object> props) {
        methods.remove(String.valueOf(props.get(Rules.NAME)), method);
    }

    @Override
    public DerivedWeights derive(EvaluationModel model, String node, String method, Map<String, Object> parameters,
            CityDataset data, EvaluationOptions options) throws BadInputException {
        WeightingMethod m = methods.get(method);
        if (m == null) {
            throw new BadInputException(model.id(), node, "unknown weighting method '" + method + "'; known: "
                    + new java.util.TreeSet<>(methods.keySet()));
        }
        Indicator parent = model.node(node).orElse(null);
        if (parent == null || parent.leaf()) {
            throw new BadInputException(model.id(), node, "'" + node + "' is not an indicator with children");
        }
        List<String> children = parent.children().stream().map(Indicator::id).toList();
        if (OptimisedWeighting.NAME.equals(method) && parent.aggregation() != null
                && !WEIGHTED_SUM.equals(parent.aggregation().rule())) {
            throw new BadInputException(model.id(), node, "'" + OptimisedWeighting.NAME + "' balances each child's "
                    + "correlation with a weighted-sum parent, but '" + node + "' aggregates with '"
                    + parent.aggregation().rule() + "'");
        }
        double[][] matrix = data == null ? new double[0][children.size()] : rates(model, parent, data, options);
        WeightingMethod.Result r;
        try {
            r = m.weights(matrix, children, parameters == null ? Map.of() : parameters);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(model.id(), node, e.getMessage());
        }
        double points = parent.weight().value();
        List<DerivedWeights.Row> rows = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            Indicator c = parent.children().get(i);
            rows.add(new DerivedWeights.Row(c.id(), c.name().preferred(), c.weight().value(),
                    c.weight().provenance().toString(), r.weights()[i], r.weights()[i] * points));
        }
        return new DerivedWeights(model.id(), node, method, rows, r.notes());
    }

    /** The aggregation rule whose parent is the weighted mean of its children's rates. */
    static final String WEIGHTED_SUM = "weighted-sum";

    /**
     * The children's score rates (points ÷ weight) of the cities that have them all, from the evaluation's
     * pipeline unrounded (the result's scores are rounded to the model's precision + 4 decimals).
     */
    private double[][] rates(EvaluationModel model, Indicator parent, CityDataset data, EvaluationOptions options)
            throws BadInputException {
        EvaluationOptions o = options == null ? EvaluationOptions.DEFAULTS : options;
        if (o.missing() == null) {
            o = new EvaluationOptions(MissingData.of(MissingData.Method.RENORMALISE, null, null), o.year());
        }
        PipelineStages.Stage aggregated = pipeline.stages(model, data, o).stage("aggregated");
        List<double[]> rows = new ArrayList<>();
        List<List<Double>> points = new ArrayList<>();
        int units = 0;
        for (Indicator child : parent.children()) {
            List<Double> p = aggregated == null ? null : aggregated.values().get(child.id());
            points.add(p);
            units = p == null ? units : Math.max(units, p.size());
        }
        for (int c = 0; c < units; c++) {
            double[] row = new double[parent.children().size()];
            boolean complete = true;
            for (int i = 0; i < row.length && complete; i++) {
                Indicator child = parent.children().get(i);
                Double v = points.get(i) == null ? null : points.get(i).get(c);
                complete = v != null && Double.isFinite(v);
                row[i] = complete ? v / child.weight().value() : Double.NaN;
            }
            if (complete) {
                rows.add(row);
            }
        }
        if (rows.size() < 2) {
            throw new BadInputException(data.source(), null,
                    "fewer than two cities have scores for every child of '" + parent.id() + "'");
        }
        return rows.toArray(double[][]::new);
    }

}

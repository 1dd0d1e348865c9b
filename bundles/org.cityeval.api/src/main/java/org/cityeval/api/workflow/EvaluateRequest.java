package org.cityeval.api.workflow;

import java.util.Objects;

import org.cityeval.api.service.EvaluationOptions;

/** One model on one data source, with the run's options: {@code new EvaluateRequest(id, data).options(o)}. */
public final class EvaluateRequest {
    private final String model;
    private final DataSource data;
    private EvaluationOptions options = EvaluationOptions.DEFAULTS;
    private org.cityeval.api.service.PanelOptions panel;
    private java.util.Map<String, Double> weights = java.util.Map.of();

    public EvaluateRequest(String model, DataSource data) {
        this.model = Objects.requireNonNull(model, "model");
        this.data = Objects.requireNonNull(data, "data");
    }

    public String model() {
        return model;
    }

    public DataSource data() {
        return data;
    }

    public EvaluationOptions options() {
        return options;
    }

    /** @param options {@code null} for the defaults */
    public EvaluateRequest options(EvaluationOptions options) {
        this.options = options == null ? EvaluationOptions.DEFAULTS : options;
        return this;
    }

    /** @return the panel's choices for {@link EvaluationWorkflow#panel}, or {@code null} (every year, defaults) */
    public org.cityeval.api.service.PanelOptions panel() {
        return panel;
    }

    /** @param panel the years, normalisation and imputation of a panel run ({@code null}: every year, defaults) */
    public EvaluateRequest panel(org.cityeval.api.service.PanelOptions panel) {
        this.panel = panel;
        return this;
    }

    /**
     * @return what-if weights: node id to a relative weight among the given siblings (empty: the model's own)
     * @since 1.2
     */
    public java.util.Map<String, Double> weights() {
        return weights;
    }

    /**
     * What-if weights, e.g. one per level-1 node: the given siblings share the points they hold together in the
     * model in these proportions, their subtrees scaled along; the weights become {@code assumed}, so the result
     * says assumed weights were used.
     *
     * @param weights node id to a relative weight ({@code null} or empty: the model's own weights)
     * @since 1.2
     */
    public EvaluateRequest weights(java.util.Map<String, Double> weights) {
        this.weights = weights == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(weights));
        return this;
    }
}

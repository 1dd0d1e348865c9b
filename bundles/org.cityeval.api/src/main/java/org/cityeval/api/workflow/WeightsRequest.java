package org.cityeval.api.workflow;

import java.util.Map;
import java.util.Objects;

import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.service.EvaluationOptions;

/**
 * WeightsWorkflow of a node's children by a weighting method:
 * {@code new WeightsRequest("m", "entropy").node("d1").data(DataSource.parse("pack:china-cities"))}.
 */
public final class WeightsRequest {
    private final String model;
    private final String method;
    private String node = EvaluationModel.ROOT_ID;
    private Map<String, Object> parameters = Map.of();
    private DataSource data;
    private EvaluationOptions options = EvaluationOptions.DEFAULTS;

    public WeightsRequest(String model, String method) {
        this.model = Objects.requireNonNull(model, "model");
        this.method = Objects.requireNonNull(method, "method");
    }

    public String model() {
        return model;
    }

    public String method() {
        return method;
    }

    public String node() {
        return node;
    }

    /** @param node the parent's id (default: the root) */
    public WeightsRequest node(String node) {
        this.node = node == null ? EvaluationModel.ROOT_ID : node;
        return this;
    }

    public Map<String, Object> parameters() {
        return parameters;
    }

    public WeightsRequest parameters(Map<String, Object> parameters) {
        this.parameters = parameters == null ? Map.of() : parameters;
        return this;
    }

    /** @return data for data-driven methods, or {@code null} */
    public DataSource data() {
        return data;
    }

    public WeightsRequest data(DataSource data) {
        this.data = data;
        return this;
    }

    public EvaluationOptions options() {
        return options;
    }

    public WeightsRequest options(EvaluationOptions options) {
        this.options = options == null ? EvaluationOptions.DEFAULTS : options;
        return this;
    }
}

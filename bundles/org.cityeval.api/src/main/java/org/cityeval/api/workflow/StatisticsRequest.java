package org.cityeval.api.workflow;

import java.util.Objects;

import org.cityeval.api.service.EvaluationOptions;

/**
 * Statistics of one loaded model's index on a data source ({@link #of}), or of a COINr iMeta/iData pair
 * ({@link #coinr}), for one inner node or all.
 */
public final class StatisticsRequest {
    private final String model;
    private final DataSource data;
    private final DataSource coinrMeta;
    private final String node;
    private final EvaluationOptions options;

    private StatisticsRequest(String model, DataSource data, DataSource coinrMeta, String node,
            EvaluationOptions options) {
        this.model = model;
        this.data = Objects.requireNonNull(data, "data");
        this.coinrMeta = coinrMeta;
        this.node = node;
        this.options = options == null ? EvaluationOptions.DEFAULTS : options;
    }

    /** @param node the inner node to analyse, or {@code null} for all */
    public static StatisticsRequest of(String model, DataSource data, String node) {
        return new StatisticsRequest(Objects.requireNonNull(model, "model"), data, null, node, null);
    }

    /** @param node the inner node to analyse (an iCode), or {@code null} for all */
    public static StatisticsRequest coinr(DataSource meta, DataSource data, String node) {
        return new StatisticsRequest(null, data, Objects.requireNonNull(meta, "meta"), node, null);
    }

    /** @return the loaded model's id; {@code null} for a COINr pair */
    public String model() {
        return model;
    }

    /** @return the city data, or the COINr iData */
    public DataSource data() {
        return data;
    }

    /** @return the COINr iMeta, or {@code null} */
    public DataSource coinrMeta() {
        return coinrMeta;
    }

    /** @return the node to analyse, or {@code null} for every inner node */
    public String node() {
        return node;
    }

    /**
     * @param options how to evaluate (year, missing data, ...); {@code null}: the defaults, the model's own
     *                missing-data treatment
     * @return this request evaluated with these options
     */
    public StatisticsRequest options(EvaluationOptions options) {
        return new StatisticsRequest(model, data, coinrMeta, node, options);
    }

    /** @return the evaluation's options ({@link EvaluationOptions#DEFAULTS} unless set) */
    public EvaluationOptions options() {
        return options;
    }
}

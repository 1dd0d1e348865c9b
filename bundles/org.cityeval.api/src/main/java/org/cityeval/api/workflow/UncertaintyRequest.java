package org.cityeval.api.workflow;

import java.util.List;
import java.util.Objects;

import org.cityeval.api.analysis.UncertaintySpec;

/**
 * Loaded models on a data source ({@link #of}), or a COINr iMeta/iData pair ({@link #coinr}), with the
 * analysis's spec.
 */
public final class UncertaintyRequest {
    private final List<String> models;
    private final DataSource data;
    private final DataSource coinrMeta;
    private final UncertaintySpec spec;

    private UncertaintyRequest(List<String> models, DataSource data, DataSource coinrMeta, UncertaintySpec spec) {
        this.models = models;
        this.data = Objects.requireNonNull(data, "data");
        this.coinrMeta = coinrMeta;
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** @param models one model, or several: the choice of model is then uncertain too */
    public static UncertaintyRequest of(List<String> models, DataSource data, UncertaintySpec spec) {
        return new UncertaintyRequest(List.copyOf(models), data, null, spec);
    }

    public static UncertaintyRequest coinr(DataSource meta, DataSource data, UncertaintySpec spec) {
        return new UncertaintyRequest(List.of(), data, Objects.requireNonNull(meta, "meta"), spec);
    }

    /** @return the loaded models' ids; empty for a COINr pair */
    public List<String> models() {
        return models;
    }

    /** @return the city data, or the COINr iData */
    public DataSource data() {
        return data;
    }

    /** @return the COINr iMeta, or {@code null} */
    public DataSource coinrMeta() {
        return coinrMeta;
    }

    public UncertaintySpec spec() {
        return spec;
    }
}

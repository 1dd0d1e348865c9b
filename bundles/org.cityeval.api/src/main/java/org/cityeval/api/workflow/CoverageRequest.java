package org.cityeval.api.workflow;

import java.util.Objects;

/** Coverage of a data source: {@code new CoverageRequest(data).model(id).year(2022)}. */
public final class CoverageRequest {
    private final DataSource data;
    private String model;
    private Integer year;

    public CoverageRequest(DataSource data) {
        this.data = Objects.requireNonNull(data, "data");
    }

    public DataSource data() {
        return data;
    }

    /** @return one model's id, or {@code null} for every loaded model */
    public String model() {
        return model;
    }

    public CoverageRequest model(String model) {
        this.model = model;
        return this;
    }

    /** @return the year looked at, or {@code null} for the latest */
    public Integer year() {
        return year;
    }

    public CoverageRequest year(Integer year) {
        this.year = year;
        return this;
    }
}

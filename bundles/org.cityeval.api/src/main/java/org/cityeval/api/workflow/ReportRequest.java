package org.cityeval.api.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.cityeval.api.service.EvaluationOptions;

/**
 * A report of models: on a data source, or (without one) on their shipped reference data; written as
 * {@link OutputFormat#HTML} or {@link OutputFormat#XLSX}; published rankings ({@link #addPublished}) join the
 * comparison.
 */
public final class ReportRequest {
    private final List<String> models;
    private final OutputFormat format;
    private DataSource data;
    private EvaluationOptions options = EvaluationOptions.DEFAULTS;
    private String title;
    private org.cityeval.api.service.PanelOptions panel;
    private final List<PublishedSource> published = new ArrayList<>();

    public ReportRequest(List<String> models, OutputFormat format) {
        this.models = List.copyOf(models);
        this.format = Objects.requireNonNull(format, "format");
    }

    public List<String> models() {
        return models;
    }

    public OutputFormat format() {
        return format;
    }

    /** @return the data, or {@code null} for the published reference data */
    public DataSource data() {
        return data;
    }

    public ReportRequest data(DataSource data) {
        this.data = data;
        return this;
    }

    public EvaluationOptions options() {
        return options;
    }

    public ReportRequest options(EvaluationOptions options) {
        this.options = options == null ? EvaluationOptions.DEFAULTS : options;
        return this;
    }

    /** @return the title, or {@code null} for the models' ids */
    public String title() {
        return title;
    }

    public ReportRequest title(String title) {
        this.title = title;
        return this;
    }

    /**
     * Adds a published ranking (a model's reference result or a file) to the report's comparison, after the
     * models.
     *
     * @since 1.1
     */
    public ReportRequest addPublished(PublishedSource source) {
        published.add(Objects.requireNonNull(source, "source"));
        return this;
    }

    /** @return the published rankings compared beside the models, in order; @since 1.1 */
    public List<PublishedSource> publishedSources() {
        return List.copyOf(published);
    }

    /** @return a panel of the first model over several years (the workbook's Panel sheet), or {@code null} */
    public org.cityeval.api.service.PanelOptions panel() {
        return panel;
    }

    /** @param panel the years, normalisation and imputation of a panel of the first model, or {@code null} */
    public ReportRequest panel(org.cityeval.api.service.PanelOptions panel) {
        this.panel = panel;
        return this;
    }
}

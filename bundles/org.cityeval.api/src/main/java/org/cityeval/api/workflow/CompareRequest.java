package org.cityeval.api.workflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cityeval.api.service.EvaluationOptions;

/**
 * What to compare: models evaluated on one data source ({@link #evaluated}), or published rankings
 * ({@link #published}: models' shipped reference results, or files), or both mixed
 * ({@link #addPublished(PublishedSource)} on an evaluated request); the domain crosswalk (a file, JSON given with the request, or by default the
 * distribution's {@code conf/crosswalk.json}) and the depth of rank-biased overlap and movers.
 * <p>
 * Example: {@code comparison.compare(CompareRequest.published(List.of("a", "b")).top(5))}.
 */
public final class CompareRequest {
    private final List<String> models;
    private final DataSource data;
    private EvaluationOptions options = EvaluationOptions.DEFAULTS;
    private Path crosswalkFile;
    private byte[] crosswalkJson;
    private String crosswalkWhere;
    private int top = 10;
    private final List<PublishedSource> published = new ArrayList<>();

    private CompareRequest(List<String> models, DataSource data) {
        this.models = List.copyOf(models);
        this.data = data;
    }

    /** @param data the data all models are evaluated on */
    public static CompareRequest evaluated(List<String> models, DataSource data) {
        return new CompareRequest(models, java.util.Objects.requireNonNull(data, "data"));
    }

    /**
     * Published rankings: each entry a model id (its shipped reference result, the report's published table)
     * or a {@code .csv}/{@code .xlsx} file ({@link PublishedSource#parse(String)}).
     */
    public static CompareRequest published(List<String> models) {
        CompareRequest r = new CompareRequest(models, null);
        for (String entry : models) {
            r.published.add(PublishedSource.parse(entry));
        }
        return r;
    }

    /**
     * Adds a published ranking, compared after the evaluated models (and the published entries before it).
     *
     * @since 1.1
     */
    public CompareRequest addPublished(PublishedSource source) {
        published.add(java.util.Objects.requireNonNull(source, "source"));
        return this;
    }

    /**
     * @return the published rankings, in order: for {@link #published(List)} its entries; for
     *         {@link #evaluated} those added
     * @since 1.1
     */
    public List<PublishedSource> publishedSources() {
        return List.copyOf(published);
    }

    /** @return the models evaluated on {@link #data()}; for {@link #published(List)}, its entries as given */
    public List<String> models() {
        return models;
    }

    /** @return the data, or {@code null} for the published results */
    public DataSource data() {
        return data;
    }

    public EvaluationOptions options() {
        return options;
    }

    public CompareRequest options(EvaluationOptions options) {
        this.options = options == null ? EvaluationOptions.DEFAULTS : options;
        return this;
    }

    /** @param file a crosswalk file, instead of the distribution's */
    public CompareRequest crosswalk(Path file) {
        this.crosswalkFile = file;
        return this;
    }

    /**
     * @param json  a crosswalk given with the request
     * @param where how messages name it, e.g. {@code $.crosswalk}
     */
    public CompareRequest crosswalk(byte[] json, String where) {
        this.crosswalkJson = json.clone();
        this.crosswalkWhere = where;
        return this;
    }

    public Path crosswalkFile() {
        return crosswalkFile;
    }

    public byte[] crosswalkJson() {
        return crosswalkJson == null ? null : crosswalkJson.clone();
    }

    public String crosswalkWhere() {
        return crosswalkWhere;
    }

    public int top() {
        return top;
    }

    public CompareRequest top(int top) {
        this.top = top;
        return this;
    }
}

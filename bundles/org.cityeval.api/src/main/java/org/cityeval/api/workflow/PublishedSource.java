package org.cityeval.api.workflow;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A published ranking to compare: a loaded model's shipped reference result (the report's own table), or a
 * file with a city column and {@code rank} and/or {@code score} (optional {@code tier}) and its metadata
 * (title, institution, year, scale; see docs/data-formats.md, "Published rankings").
 * <ul>
 * <li>{@link #parse(String)}: the CLI's {@code --published} entry: a file when it ends in {@code .csv} or
 * {@code .xlsx} or names a folder, else a model id;</li>
 * <li>{@link #model(String)}: a model's reference result;</li>
 * <li>{@link #file(DataSource, Map)}: a file or inline content ({@link DataSource#inline}), with metadata
 * given beside it (the web API's {@code "meta"}; a file's own header and sidecar are read as well, and the
 * given metadata win).</li>
 * </ul>
 * Immutable; {@link #toString()} is how messages name it.
 *
 * @since 1.1
 */
public final class PublishedSource {
    private final String model;
    private final DataSource data;
    private final Map<String, String> metadata;

    private PublishedSource(String model, DataSource data, Map<String, String> metadata) {
        this.model = model;
        this.data = data;
        this.metadata = metadata;
    }

    /** @param text a model id, or a {@code .csv}/{@code .xlsx} file's path */
    public static PublishedSource parse(String text) {
        Objects.requireNonNull(text, "text");
        return isFile(text) ? file(DataSource.file(Path.of(text)), Map.of()) : model(text);
    }

    /** @return whether {@link #parse(String)} reads {@code text} as a file */
    public static boolean isFile(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".xlsx") || text.contains("/") || text.contains("\\");
    }

    public static PublishedSource model(String id) {
        return new PublishedSource(Objects.requireNonNull(id, "id"), null, Map.of());
    }

    /**
     * @param data     a file or inline content (a CSV or XLSX)
     * @param metadata {@code id}, {@code title}, {@code institution}, {@code year}, {@code scale}, {@code source},
     *                 {@code note}; may be empty
     */
    public static PublishedSource file(DataSource data, Map<String, String> metadata) {
        return new PublishedSource(null, Objects.requireNonNull(data, "data"),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata == null ? Map.of() : metadata)));
    }

    /** @return the model's id, or {@code null} for a file */
    public String model() {
        return model;
    }

    /** @return the file or content, or {@code null} for a model */
    public DataSource data() {
        return data;
    }

    /** @return metadata given beside the file (empty for a model) */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublishedSource p && Objects.equals(p.model, model) && Objects.equals(p.data, data)
                && p.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, data, metadata);
    }

    @Override
    public String toString() {
        return model != null ? model : data.toString();
    }
}

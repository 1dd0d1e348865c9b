package org.cityeval.api.workflow;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The formats results are written in: text tables, CSV and JSON on the command line; HTML and XLSX reports.
 * {@link #parse} is the one reader of a format's name and has the one error text.
 */
public enum OutputFormat {
    TABLE("text/plain;charset=utf-8", "txt"), CSV("text/csv;charset=utf-8", "csv"),
    JSON("application/json;charset=utf-8", "json"), HTML("text/html;charset=utf-8", "html"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    private final String mediaType;
    private final String extension;

    OutputFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** @return the name as written: {@code table}, {@code csv}, {@code json}, {@code html}, {@code xlsx} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String mediaType() {
        return mediaType;
    }

    /** @return the file extension, without the dot */
    public String extension() {
        return extension;
    }

    @Override
    public String toString() {
        return label();
    }

    /**
     * @param text    a format's name, in any case
     * @param allowed the formats the caller writes
     * @throws IllegalArgumentException {@code 'x' is not one of a, b or c}
     */
    public static OutputFormat parse(String text, Collection<OutputFormat> allowed) {
        for (OutputFormat f : allowed) {
            if (f.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException(WorkflowException.quote(text) + " is not one of " + names(allowed));
    }

    /** @return the report format a file name's extension asks for ({@code .html}, {@code .htm}, {@code .xlsx}), or {@code null} */
    public static OutputFormat ofFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".html") || n.endsWith(".htm") ? HTML : n.endsWith(".xlsx") ? XLSX : null;
    }

    /** @return {@code table or json}, {@code table, csv or json} */
    public static String names(Collection<OutputFormat> formats) {
        var labels = formats.stream().map(OutputFormat::label).toList();
        if (labels.size() < 2) {
            return String.join("", labels);
        }
        return labels.subList(0, labels.size() - 1).stream().collect(Collectors.joining(", ")) + " or "
                + labels.get(labels.size() - 1);
    }
}

package org.cityeval.api.workflow;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where a workflow's city data (or another input file) comes from. Every workflow takes this one type; the
 * front ends build it from what they accept:
 * <ul>
 * <li>{@link #parse(String)}: the CLI's {@code --data}: {@code pack:NAME} or a file path;</li>
 * <li>{@link #file(Path)}: a CSV, XLSX or JSON file, read by the importer its name calls for;</li>
 * <li>{@link #pack(String)}: a shipped data pack ({@code DataPackCatalog}), parsed once and kept;</li>
 * <li>{@link #upload(String)}: an upload's token ({@code WorkbenchStore});</li>
 * <li>{@link #inline(String, byte[])}: content given with the request (the web API's {@code "csv"} text or
 * {@code "rows"} as JSON), read by the importer its name calls for ({@code request.csv},
 * {@code request.json}).</li>
 * <li>{@link #merged(List)}: several sources merged into one dataset, the first given winning where two give a
 * value for the same city, year and variable ({@code DatasetMerging}); its name joins the parts' with {@code +}
 * (since 1.2).</li>
 * </ul>
 * Immutable; {@link #toString()} is how messages name it.
 */
public final class DataSource {
    /** The prefix of a data pack in {@link #parse(String)}. */
    public static final String PACK_PREFIX = "pack:";

    /** What a source names. */
    public enum Kind {
        FILE, PACK, UPLOAD, INLINE,
        /** Several sources in precedence order ({@link #parts()}); @since 1.2 */
        MERGED
    }

    /** What joins the parts of a {@link Kind#MERGED} source in its name: {@code form.xlsx+pack:china-cities}. */
    public static final String MERGE_SEPARATOR = "+";

    private final Kind kind;
    private final String name;
    private final Path path;
    private final byte[] content;
    private final List<DataSource> parts;

    private DataSource(Kind kind, String name, Path path, byte[] content) {
        this(kind, name, path, content, List.of());
    }

    private DataSource(Kind kind, String name, Path path, byte[] content, List<DataSource> parts) {
        this.kind = kind;
        this.name = Objects.requireNonNull(name, "name");
        this.path = path;
        this.content = content;
        this.parts = parts;
    }

    /**
     * Several sources read as one dataset, the first winning where two give a value for one city, year and
     * variable: {@code DataSource.merged(List.of(DataSource.parse("form.xlsx"), DataSource.pack("china-cities")))}.
     * One source is that source itself; a merged part is flattened into its parts.
     *
     * @throws IllegalArgumentException for no sources
     * @since 1.2
     */
    public static DataSource merged(List<DataSource> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no data sources to merge");
        }
        if (sources.size() == 1) {
            return sources.get(0);
        }
        List<DataSource> flat = new java.util.ArrayList<>();
        for (DataSource s : sources) {
            flat.addAll(s.kind == Kind.MERGED ? s.parts : List.of(s));
        }
        return new DataSource(Kind.MERGED, String.join(MERGE_SEPARATOR, flat.stream().map(DataSource::toString).toList()),
                null, null, List.copyOf(flat));
    }

    /** @return the merged sources in precedence order; empty unless {@link Kind#MERGED} @since 1.2 */
    public List<DataSource> parts() {
        return parts;
    }

    /** @param text {@code pack:NAME}, or a file's path */
    public static DataSource parse(String text) {
        Objects.requireNonNull(text, "text");
        return text.startsWith(PACK_PREFIX) ? pack(text.substring(PACK_PREFIX.length())) : file(Path.of(text));
    }

    public static DataSource file(Path file) {
        return new DataSource(Kind.FILE, file.toString(), file, null);
    }

    public static DataSource pack(String name) {
        return new DataSource(Kind.PACK, name, null, null);
    }

    /** @param token what the upload answered */
    public static DataSource upload(String token) {
        return new DataSource(Kind.UPLOAD, token, null, null);
    }

    /** @param name a file name whose extension chooses the importer, e.g. {@code request.csv} */
    public static DataSource inline(String name, byte[] content) {
        return new DataSource(Kind.INLINE, name, null, content.clone());
    }

    public Kind kind() {
        return kind;
    }

    /** @return the file's path as given, the pack's name, the upload's token, or the inline content's name */
    public String name() {
        return name;
    }

    /** @return the file, or {@code null} unless {@link Kind#FILE} */
    public Path path() {
        return path;
    }

    /** @return a copy of the inline content, or {@code null} unless {@link Kind#INLINE} */
    public byte[] content() {
        return content == null ? null : content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataSource d && d.kind == kind && d.name.equals(name) && Arrays.equals(d.content, content)
                && d.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name) * 31 + Arrays.hashCode(content);
    }

    /** @return {@code pack:NAME}, the file's path, {@code upload TOKEN} or the inline name */
    @Override
    public String toString() {
        return switch (kind) {
            case PACK -> PACK_PREFIX + name;
            case UPLOAD -> "upload " + name;
            default -> name;
        };
    }
}

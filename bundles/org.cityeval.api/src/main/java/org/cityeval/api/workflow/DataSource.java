package org.cityeval.api.workflow;

import java.nio.file.Path;
import java.util.Arrays;
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
 * </ul>
 * Immutable; {@link #toString()} is how messages name it.
 */
public final class DataSource {
    /** The prefix of a data pack in {@link #parse(String)}. */
    public static final String PACK_PREFIX = "pack:";

    /** What a source names. */
    public enum Kind {
        FILE, PACK, UPLOAD, INLINE
    }

    private final Kind kind;
    private final String name;
    private final Path path;
    private final byte[] content;

    private DataSource(Kind kind, String name, Path path, byte[] content) {
        this.kind = kind;
        this.name = Objects.requireNonNull(name, "name");
        this.path = path;
        this.content = content;
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
        return o instanceof DataSource d && d.kind == kind && d.name.equals(name) && Arrays.equals(d.content, content);
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

package org.cityeval.api.data;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Input that cannot be used, with where it is: a file with row and column, or a descriptor with a JSON
 * path. The message reads {@code source:position: reason}, e.g. {@code data.csv:12:3: not a number: 'abc'}.
 */
@ProviderType
public class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final String position;
    private final String reason;

    /**
     * @param source   file name, or bundle and descriptor
     * @param position {@code row:column}, {@code row}, a JSON path, or {@code null}
     * @param reason   what is wrong, in words a user can act on
     */
    public BadInputException(String source, String position, String reason) {
        super(source + (position == null ? "" : ":" + position) + ": " + reason);
        this.source = source;
        this.position = position;
        this.reason = reason;
    }

    /** Convenience for tabular input: rows and columns count from 1, the header is row 1. */
    public static BadInputException at(String source, long row, int column, String reason) {
        return new BadInputException(source, column > 0 ? row + ":" + column : Long.toString(row), reason);
    }

    public String source() {
        return source;
    }

    public String position() {
        return position;
    }

    public String reason() {
        return reason;
    }
}

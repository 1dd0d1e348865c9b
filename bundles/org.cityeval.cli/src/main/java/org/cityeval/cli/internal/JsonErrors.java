package org.cityeval.cli.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A JSON file's error as a user reads it: where (line and column) and what, without the parts of Jackson's
 * message meant for programmers (the source description, {@code `StreamReadConstraints...`}, features to enable).
 */
final class JsonErrors {
    private JsonErrors() {
    }

    /** {@code "line 1, column 29: Unexpected end-of-input: expected close marker for Array"}. */
    static String describe(Exception e) {
        if (!(e instanceof JsonProcessingException j)) {
            return "cannot be read";
        }
        String m = String.valueOf(j.getOriginalMessage()).split("\n", 2)[0]
                .replaceAll(" \\(start marker at \\[Source:.*", "")
                .replaceAll(",? ?from `[^`]*`", "")
                .replaceAll("[:;]? ?(?:enable|disable|use) `[^`]*`[^)]*", "")
                .replaceAll("`[^`]*`", "").trim();
        JsonLocation at = j.getLocation();
        return at != null && at.getLineNr() > 0 ? "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + m : m;
    }
}

package org.cityeval.api.workflow;

/**
 * A request a workflow cannot carry out, with the one message every front end shows. The CLI maps the
 * {@link Kind} to its exit code, the web API to its HTTP status.
 */
public class WorkflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Kind {
        /** A model, data pack, upload, file or reference table that is not there (CLI 2, HTTP 404). */
        NOT_FOUND,
        /** The request does not fit: a missing or contradictory choice, a malformed file (CLI 2, HTTP 400). */
        INVALID,
        /** A service the workflow needs is not in this runtime (CLI 1, HTTP 503). */
        UNAVAILABLE,
        /** Models could not be evaluated (a rule failed or ran out of time or memory) (CLI 4, HTTP 500). */
        EVALUATION_FAILED,
        /** The workbench store has no room for what is to be kept (CLI 1, HTTP 507). */
        FULL
    }

    private final Kind kind;

    public WorkflowException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** @param what e.g. {@code "the report writer is"}: the message is {@code WHAT not in this runtime} */
    public static WorkflowException unavailable(String what) {
        return new WorkflowException(Kind.UNAVAILABLE, what + " not in this runtime");
    }

    public static WorkflowException notFound(String message) {
        return new WorkflowException(Kind.NOT_FOUND, message);
    }

    public static WorkflowException invalid(String message) {
        return new WorkflowException(Kind.INVALID, message);
    }

    /**
     * Input as it may appear in a message: in single quotes, at most 80 characters, control characters replaced
     * (answers of the web API are one line).
     */
    public static String quote(String input) {
        if (input == null) {
            return "null";
        }
        String s = input.length() > 80 ? input.substring(0, 80) + "..." : input;
        StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.append('\'').toString();
    }
}

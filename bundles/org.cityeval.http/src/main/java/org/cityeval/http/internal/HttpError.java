package org.cityeval.http.internal;

/**
 * An answer other than 200, with its message for the client ({@code {"error": message}}). Carries no stack
 * trace: it is control flow, and nothing of it but the message reaches the client.
 */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    /** For 405: the methods the resource allows, for the {@code Allow} header; else {@code null}. */
    final String allow;

    HttpError(int status, String message) {
        this(status, message, null);
    }

    HttpError(int status, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.allow = allow;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    static HttpError tooLarge(long limit) {
        return new HttpError(413, "request body larger than " + limit + " bytes (the limit is set by the framework "
                + "property cityeval.http.maxUpload)");
    }

    /** 503: an optional service of the runtime is absent, e.g. {@code unavailable("the report writer")}. */
    static HttpError unavailable(String what) {
        return new HttpError(503, what + " not in this runtime");
    }

    /**
     * Client input as it may appear in a message: at most 80 characters, control characters
     * replaced. (Answers are JSON with {@code nosniff}; this keeps them short and one line.)
     */
    static String quote(String input) {
        return org.cityeval.api.workflow.WorkflowException.quote(input);
    }

    /** The answer to a workflow's refusal: its message with the status of its kind. */
    static HttpError of(org.cityeval.api.workflow.WorkflowException e) {
        return new HttpError(switch (e.kind()) {
            case NOT_FOUND -> 404;
            case INVALID -> 400;
            case UNAVAILABLE -> 503;
            case EVALUATION_FAILED -> 500;
            case FULL -> 507;
        }, e.getMessage());
    }
}

package org.cityeval.extender.internal;

/** A descriptor problem at a JSON path. */
public final class DescriptorException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String jsonPath;
    private final String reason;
    private final boolean missingRule;

    public DescriptorException(String jsonPath, String reason) {
        this(jsonPath, reason, false);
    }

    /** For a descriptor whose only problem is a rule the runtime does not have yet: "path: reason". */
    DescriptorException(String pathAndReason, boolean missingRule) {
        this(pathAndReason.substring(0, pathAndReason.indexOf(": ")),
                pathAndReason.substring(pathAndReason.indexOf(": ") + 2), missingRule);
    }

    private DescriptorException(String jsonPath, String reason, boolean missingRule) {
        super(jsonPath + ": " + reason);
        this.jsonPath = jsonPath;
        this.reason = reason;
        this.missingRule = missingRule;
    }

    public String jsonPath() {
        return jsonPath;
    }

    public String reason() {
        return reason;
    }

    /** @return true when the descriptor is otherwise valid and waits for a rule service to appear */
    public boolean missingRule() {
        return missingRule;
    }
}

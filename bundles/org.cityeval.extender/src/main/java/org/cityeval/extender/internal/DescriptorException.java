package org.cityeval.extender.internal;

import java.util.List;

/**
 * A descriptor problem at a JSON path; or, from {@link DescriptorParser}, every problem of a descriptor: this
 * exception is then the first of them and {@link #problems()} lists them all, in the order found (a level's weights before its indicators).
 */
public final class DescriptorException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String jsonPath;
    private final String reason;
    private final boolean missingRule;
    private final transient List<DescriptorException> problems;

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
        this.problems = null;
    }

    /** Several problems (at least one); it waits for a rule only when every one is a missing rule. */
    DescriptorException(List<DescriptorException> all) {
        super(all.get(0).getMessage() + (all.size() == 1 ? "" : " (and " + (all.size() - 1) + " more)"));
        this.jsonPath = all.get(0).jsonPath;
        this.reason = all.get(0).reason;
        this.missingRule = all.stream().allMatch(DescriptorException::missingRule);
        this.problems = List.copyOf(all);
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

    /** @return every problem this stands for, in document order: itself alone for a single problem */
    public List<DescriptorException> problems() {
        return problems == null ? List.of(this) : problems;
    }
}

package org.cityeval.api.service;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An evaluation that did not complete because of a model's code or the runtime's limits, not because of the
 * data: a rule threw, ran past the time limit, allocated past the memory limit, exhausted the heap, or is
 * quarantined after an earlier run-away. The runtime stays up; other evaluations are unaffected.
 * <p>
 * Front ends report it beside the results that did complete: {@code compare} lists the models that failed and
 * compares the rest.
 */
@ProviderType
public class EvaluationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the evaluation did not complete. */
    @ProviderType
    public enum Kind {
        /** a rule threw an exception or error */
        ERROR,
        /** the evaluation ran past its time limit */
        TIMEOUT,
        /** the evaluation allocated more than the per-evaluation allocation limit */
        ALLOCATION_LIMIT,
        /** the heap ran out while the evaluation ran */
        OUT_OF_MEMORY,
        /** a rule the model uses did not stop after an earlier timeout and is not called again */
        QUARANTINED,
        /** the caller was interrupted while waiting */
        INTERRUPTED
    }

    private final String model;
    private final Kind kind;
    private final String rule;
    private final String bundle;
    private final Duration elapsed;

    /**
     * @param model   the model's id
     * @param kind    why
     * @param rule    the rule that was running or threw ({@code scoring 'spin'}), or {@code null} when unknown
     * @param bundle  the bundle that provides that rule ({@code symbolic-name version}), or {@code null}
     * @param elapsed how long the evaluation ran, or {@code null}
     * @param message what happened, for people: names the model, the rule and the limit
     * @param cause   the rule's exception, or {@code null}
     */
    public EvaluationFailure(String model, Kind kind, String rule, String bundle, Duration elapsed, String message,
            Throwable cause) {
        super(message, cause);
        this.model = model;
        this.kind = kind;
        this.rule = rule;
        this.bundle = bundle;
        this.elapsed = elapsed;
    }

    /** @return the model's id */
    public String model() {
        return model;
    }

    /** @return why */
    public Kind kind() {
        return kind;
    }

    /** @return the rule that was running or threw, or {@code null} */
    public String rule() {
        return rule;
    }

    /** @return the bundle providing {@link #rule()}, or {@code null} */
    public String bundle() {
        return bundle;
    }

    /** @return how long the evaluation ran, or {@code null} */
    public Duration elapsed() {
        return elapsed;
    }
}

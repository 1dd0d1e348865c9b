package org.cityeval.api.workflow;

import java.util.Objects;
import java.util.Set;

/**
 * What {@link ValidationWorkflow#validate} checks: one descriptor, or every descriptor of a model bundle (a jar
 * or a bundle's class folder with {@code META-INF/MANIFEST.MF}), and against what.
 * <p>
 * Example: {@code new ValidateRequest(DataSource.parse("target/my-model.jar")).pack("china-cities")}.
 */
public final class ValidateRequest {
    private final DataSource source;
    private String pack;
    private Set<String> rules = Set.of();

    /** @param source a descriptor ({@code .json}), a bundle ({@code .jar}) or a bundle's class folder */
    public ValidateRequest(DataSource source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    public DataSource source() {
        return source;
    }

    /**
     * @return the data pack whose variables every leaf must be bound to (or named after), or {@code null}: bound
     *         variables are checked against the catalogue of every installed pack, unbound leaves only warned of
     */
    public String pack() {
        return pack;
    }

    public ValidateRequest pack(String pack) {
        this.pack = pack;
        return this;
    }

    /**
     * @return rule names taken as known beside the runtime's own (the model project's own rules, when they are
     *         not running); a bundle given as source adds the rules its component descriptions name
     */
    public Set<String> rules() {
        return rules;
    }

    public ValidateRequest rules(Set<String> rules) {
        this.rules = Set.copyOf(rules);
        return this;
    }
}

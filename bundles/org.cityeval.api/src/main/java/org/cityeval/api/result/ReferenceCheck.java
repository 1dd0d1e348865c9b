package org.cityeval.api.result;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A comparison of computed figures with figures the data themselves print (a supplied total, a printed
 * rank), at the model's display precision.
 *
 * @param what       what was compared, e.g. {@code total} or {@code rank}
 * @param compared   how many cities had both
 * @param matched    how many agreed
 * @param mismatches one line per disagreement
 */
@ProviderType
public record ReferenceCheck(String what, int compared, int matched, List<String> mismatches) {
    /** @return true when every compared value matched */
    public boolean passed() {
        return compared == matched;
    }
}

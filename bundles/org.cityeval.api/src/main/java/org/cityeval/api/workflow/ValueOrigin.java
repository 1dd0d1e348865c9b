package org.cityeval.api.workflow;

import java.util.List;

import org.cityeval.api.data.SourceConflict;
import org.cityeval.api.data.ValueSource;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One data value behind a leaf, and where it came from.
 *
 * @param column    the dataset's column (the leaf itself, or a variable its binding reads)
 * @param value     the value, or {@code null} when the data have none for this city and year
 * @param source    where the value came from, or {@code null} with no value
 * @param conflicts values of other inputs set aside because the source's input comes first (a merge)
 * @since 1.2
 */
@ProviderType
public record ValueOrigin(String column, Double value, ValueSource source, List<SourceConflict> conflicts) {
    public ValueOrigin {
        conflicts = List.copyOf(conflicts);
    }
}

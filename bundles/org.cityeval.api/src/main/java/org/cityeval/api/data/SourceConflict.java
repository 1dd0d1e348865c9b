package org.cityeval.api.data;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Two inputs of a merged dataset that give one city, year and variable values differing by more than the merge's
 * tolerance: the first input in precedence order wins, the other is reported here (as the quality report reports a
 * disagreement between two sources of one quantity).
 *
 * @param city     the city
 * @param year     the year, or {@code null}
 * @param column   the variable (value column)
 * @param kept     the value kept
 * @param keptFrom where the kept value came from
 * @param other    the value set aside
 * @param from     where the value set aside came from
 * @since 1.2
 */
@ProviderType
public record SourceConflict(City city, Integer year, String column, double kept, ValueSource keptFrom, double other,
        ValueSource from) {

    /** @return |kept − other| / max(|kept|, |other|), the quality report's measure of disagreement */
    public double relativeDifference() {
        double larger = Math.max(Math.abs(kept), Math.abs(other));
        return larger == 0 ? 0 : Math.abs(kept - other) / larger;
    }
}

package org.cityeval.api.result;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One finding of the data-quality report. Nothing is changed: the report says what looks wrong.
 *
 * @param kind     {@code impossible}, {@code jump}, {@code disagreement}, {@code conflict} (between merged
 *                 sources, since 1.2), {@code outliers}
 * @param variable the variable
 * @param city     the city's name, or {@code null} for a finding about a whole variable
 * @param adcode   the city's adcode, or {@code null}
 * @param year     the year, or {@code null}
 * @param detail   the figures behind the finding
 */
@ProviderType
public record QualityIssue(String kind, String variable, String city, String adcode, Integer year, String detail) {
}

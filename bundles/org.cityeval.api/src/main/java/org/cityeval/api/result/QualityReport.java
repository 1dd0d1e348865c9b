package org.cityeval.api.result;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The data-quality report of a dataset.
 *
 * @param source  the dataset
 * @param records city-year records read
 * @param checks  the checks run, with their thresholds, in words
 * @param issues  the findings
 */
@ProviderType
public record QualityReport(String source, int records, List<String> checks, List<QualityIssue> issues) {
}

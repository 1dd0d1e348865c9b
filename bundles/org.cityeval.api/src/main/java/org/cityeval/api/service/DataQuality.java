package org.cityeval.api.service;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.result.QualityReport;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks a dataset and reports what looks wrong, changing nothing: impossible values, year-on-year jumps,
 * disagreement between two sources of one quantity, outliers by skew and kurtosis.
 */
@ProviderType
public interface DataQuality {

    QualityReport check(CityDataset data);
}

package org.cityeval.api.result;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One raw value changed by outlier treatment before scoring.
 *
 * @param indicator the leaf's id
 * @param adcode    the city's adcode (or a free unit's code)
 * @param city      the city's name
 * @param raw       the value before treatment (after missing-data imputation)
 * @param treated   the value the scoring rule received
 * @param how       what was done: {@code winsorised high}, {@code winsorised low}, {@code log} (COINr's log_CT,
 *                  ln(x − min + 0.01 (max − min))) or {@code box-cox λ=0.5} (of x − min + 1)
 */
@ProviderType
public record TreatedValue(String indicator, String adcode, String city, double raw, double treated, String how) {
}

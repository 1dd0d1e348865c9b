package org.cityeval.api.spi;

import java.util.Map;

import org.cityeval.api.model.Indicator;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns a leaf indicator's raw values into points between 0 and the leaf's weight. Sees all cities at
 * once, so that rules like min-max can use the column's range.
 * <p>
 * Example: a rule that takes values already in points is {@code raw -> raw.clone()}.
 */
@ConsumerType
public interface ScoringRule {

    /**
     * @param raw        raw values, one per city; {@code NaN} where missing (keep it NaN)
     * @param indicator  the leaf being scored
     * @param parameters the descriptor's parameters for this leaf
     * @return points per city, in the same order
     * @throws IllegalArgumentException when parameters or values do not fit the rule; the message is
     *                                  shown to the user
     */
    double[] score(double[] raw, Indicator indicator, Map<String, Object> parameters);
}

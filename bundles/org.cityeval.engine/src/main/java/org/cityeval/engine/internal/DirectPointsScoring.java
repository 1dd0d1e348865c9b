package org.cityeval.engine.internal;

import java.util.Map;

import org.cityeval.api.model.Indicator;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.osgi.service.component.annotations.Component;

/**
 * {@code direct-points}: the raw value already is the leaf's points (0 to its weight), as when a report
 * or an assessor publishes points. Values outside the range are reported by the evaluator, not clipped.
 */
// it takes no parameters: declared, so that validation refuses any given to it
@Component(property = { Rules.NAME + "=" + DirectPointsScoring.NAME, Rules.PARAMETERS + "=" })
public class DirectPointsScoring implements ScoringRule {
    public static final String NAME = "direct-points";

    @Override
    public double[] score(double[] raw, Indicator indicator, Map<String, Object> parameters) {
        return raw.clone();
    }
}

package org.cityeval.engine.internal;

import java.util.Map;

import org.cityeval.api.model.Indicator;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.osgi.service.component.annotations.Component;

/**
 * {@code share}: the raw value is the share achieved (0..1, e.g. items met ÷ all items, as in the national
 * 2016 scheme) and scores share × weight points.
 */
// it takes no parameters: declared, so that validation refuses any given to it
@Component(property = { Rules.NAME + "=" + ShareScoring.NAME, Rules.PARAMETERS + "=" })
public class ShareScoring implements ScoringRule {
    public static final String NAME = "share";

    @Override
    public double[] score(double[] raw, Indicator indicator, Map<String, Object> parameters) {
        double w = indicator.weight().value();
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i] * w;
        }
        return out;
    }
}

package org.cityeval.itests.ownrule;

import java.util.Map;

import org.cityeval.api.model.Indicator;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.osgi.service.component.annotations.Component;

/**
 * A model project's own rule, for ValidationTest: points grow with the logarithm of the value. It declares its one
 * parameter, so validating the bundle's jar checks a descriptor's use of it before the bundle is deployed.
 * Packaged by src/test/bnd/own-rule.bnd.
 */
@Component(property = { Rules.NAME + "=own-log-points", Rules.PARAMETERS + "=base" })
public class LogPointsScoring implements ScoringRule {
    @Override
    public double[] score(double[] raw, Indicator indicator, Map<String, Object> parameters) {
        double base = parameters.get("base") instanceof Number n ? n.doubleValue() : 10;
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = Math.min(indicator.weight().value(), Math.log(1 + Math.max(0, raw[i])) / Math.log(base));
        }
        return out;
    }
}

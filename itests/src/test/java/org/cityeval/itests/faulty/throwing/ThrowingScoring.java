package org.cityeval.itests.faulty.throwing;

import java.util.Map;

import org.cityeval.api.model.Indicator;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.osgi.service.component.annotations.Component;

/** A third-party rule with a bug: it throws on every call. Packaged by src/test/bnd/throwing.bnd. */
@Component(property = Rules.NAME + "=fault-throw")
public class ThrowingScoring implements ScoringRule {
    @Override
    public double[] score(double[] raw, Indicator indicator, Map<String, Object> parameters) {
        Object[] none = new Object[0];
        return new double[] {((Number) none[raw.length]).doubleValue()}; // ArrayIndexOutOfBoundsException
    }
}

package org.cityeval.itests.faulty.spinning;

import java.util.Map;

import org.cityeval.api.model.Indicator;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.osgi.service.component.annotations.Component;

/** A third-party rule that never returns and ignores interruption. Packaged by src/test/bnd/spinning.bnd. */
@Component(property = Rules.NAME + "=fault-spin")
public class SpinningScoring implements ScoringRule {
    static volatile long sink;

    @Override
    public double[] score(double[] raw, Indicator indicator, Map<String, Object> parameters) {
        long x = 0;
        while (x >= 0) {
            x = (x + 1) & Long.MAX_VALUE >>> 1; // never negative: loops forever
            sink = x;
        }
        return raw;
    }
}

package org.cityeval.itests.faulty.hogging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityeval.api.model.Indicator;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.osgi.service.component.annotations.Component;

/**
 * A third-party rule that allocates without bound and keeps all of it, until the evaluation's allocation limit
 * stops it or the heap runs out. Packaged by src/test/bnd/hogging.bnd.
 */
@Component(property = Rules.NAME + "=fault-hog")
public class HoggingScoring implements ScoringRule {
    @Override
    public double[] score(double[] raw, Indicator indicator, Map<String, Object> parameters) {
        List<double[]> kept = new ArrayList<>();
        while (kept.size() >= 0) {
            kept.add(new double[1 << 17]); // 1 MiB at a time, all kept
        }
        return raw;
    }
}

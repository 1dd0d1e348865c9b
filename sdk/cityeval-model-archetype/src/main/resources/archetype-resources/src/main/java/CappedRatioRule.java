package ${package};

import java.util.Map;

import org.cityeval.api.model.Indicator;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.ScoringRule;
import org.osgi.service.component.annotations.Component;

/**
 * The scoring rule {@code ${modelId}-capped-ratio}: points = weight x min(1, value / target), so a city at or
 * above the target gets the leaf's full weight. Parameter {@code target}: a positive number (required).
 * Descriptor: {@code "scoring": {"rule": "${modelId}-capped-ratio", "parameters": {"target": 300}}}.
 * <p>
 * A Declarative Services component: bnd writes its description, the runtime finds it by the service property
 * {@code cityeval.rule}; {@code cityeval:validate} knows it while checking the descriptor.
 */
// Rules.PARAMETERS: the parameters it accepts, so that cityeval:validate refuses a misspelt one at its JSON path
@Component(property = { Rules.NAME + "=" + CappedRatioRule.NAME, Rules.PARAMETERS + "=" + CappedRatioRule.TARGET })
public class CappedRatioRule implements ScoringRule {
    public static final String NAME = "${modelId}-capped-ratio";
    static final String TARGET = "target";

    @Override
    public double[] score(double[] raw, Indicator indicator, Map<String, Object> parameters) {
        for (String key : parameters.keySet()) {
            if (!TARGET.equals(key)) {
                throw new IllegalArgumentException(NAME + " on " + indicator.id() + ": unknown parameter '" + key
                        + "'; it takes only '" + TARGET + "'");
            }
        }
        Object t = parameters.get(TARGET);
        if (!(t instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
            throw new IllegalArgumentException(NAME + " on " + indicator.id() + ": parameter '" + TARGET
                    + "' must be a positive number, not " + t);
        }
        double target = n.doubleValue();
        double weight = indicator.weight().value();
        double[] points = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            points[i] = Double.isNaN(raw[i]) ? Double.NaN : weight * Math.max(0, Math.min(1, raw[i] / target));
        }
        return points;
    }
}

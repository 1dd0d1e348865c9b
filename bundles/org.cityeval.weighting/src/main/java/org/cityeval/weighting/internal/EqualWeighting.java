package org.cityeval.weighting.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.WeightingMethod;
import org.osgi.service.component.annotations.Component;

/**
 * {@code equal}: every one of the m children weighs 1/m. No parameters; the data are not used.
 */
@Component(property = Rules.NAME + "=" + EqualWeighting.NAME)
public class EqualWeighting implements WeightingMethod {
    public static final String NAME = "equal";

    @Override
    public Result weights(double[][] data, List<String> children, Map<String, Object> parameters) {
        Parameters.allowOnly(Parameters.of(parameters), NAME);
        int m = Inputs.children(children, NAME);
        double[] w = new double[m];
        Arrays.fill(w, 1.0 / m);
        return new Result(w, List.of(NAME + ": 1/" + m + " = " + Format.fixed(1.0 / m, 4) + " each"));
    }
}

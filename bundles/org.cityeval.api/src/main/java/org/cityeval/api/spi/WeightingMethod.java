package org.cityeval.api.spi;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Derives the relative weights of a node's children: equal, fixed, an expert survey, AHP, entropy,
 * CRITIC, PCA... Registered with the {@value Rules#NAME} property like the other rules.
 * <p>
 * Example: {@code ahp.weights(data, List.of("a", "b", "c"), Map.of("matrix", List.of(List.of(1, 3, 5), ...)))}.
 */
@ConsumerType
public interface WeightingMethod {

    /**
     * @param weights relative weights, one per child, adding up to 1
     * @param notes   what the method found on the way (e.g. AHP's consistency ratio)
     */
    @ProviderType
    record Result(double[] weights, List<String> notes) {
    }

    /**
     * @param data       units × children: the children's values or scores (NaN missing); data-driven methods
     *                   use it, judgement-based ones (AHP, survey) do not
     * @param children   the children's ids, in column order
     * @param parameters the method's parameters (a pairwise matrix, expert ratings, fixed points...)
     * @throws IllegalArgumentException with a message for the user when the input does not fit
     */
    Result weights(double[][] data, List<String> children, Map<String, Object> parameters);
}

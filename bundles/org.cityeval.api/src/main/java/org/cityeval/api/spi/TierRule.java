package org.cityeval.api.spi;

import java.util.List;

import org.cityeval.api.model.TierScheme;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Assigns tiers to units (cities, or groups by their mean). Sees all units at once so that rank-based
 * rules can work.
 */
@ConsumerType
public interface TierRule {

    /**
     * @param values values at the model's display precision, one per unit, best first is not assumed
     * @param scheme the tiers and parameters
     * @return the tier id per unit ({@code null} for none) and notes that make the rule's choices visible
     * @throws IllegalArgumentException when the scheme does not fit the rule
     */
    Assignment assign(double[] values, TierScheme scheme);

    /**
     * @param tiers tier id per unit, {@code null} for none
     * @param notes how boundaries were drawn (shown in results' warnings)
     */
    @ProviderType
    record Assignment(List<String> tiers, List<String> notes) {
    }

    /**
     * @return a short human-readable definition of one tier under this rule, e.g. {@code [70, 80)}
     */
    String describe(TierScheme scheme, int tierIndex);
}

package org.cityeval.api.result;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The result of evaluating one model on one dataset. Field names are the JSON output's.
 *
 * @param model      the model and what the result rests on
 * @param cities     one per city, best first (unranked cities last)
 * @param tiers      number of cities per tier, best tier first
 * @param groups     per grouping kind (e.g. {@code province}, {@code capital}), groups best first
 * @param statistics per node id
 * @param checks     comparisons with figures printed in the data
 * @param warnings   everything the user should know about how the numbers came about
 * @param treated    the outlier treatment of raw values (winsorised or transformed), per indicator and city, in
 *                   model then data order; empty when nothing was treated (since 1.3)
 * @param messages   the warnings with their catalogue keys and arguments, in the same order, for a front end to
 *                   show in the user's language ({@link MessageCatalogue}); derived from {@code warnings} when
 *                   {@code null} (since 1.3)
 */
@ProviderType
public record EvaluationResult(ModelSummary model, List<CityResult> cities, List<TierCount> tiers,
        Map<String, List<GroupResult>> groups, Map<String, NodeStatistics> statistics, List<ReferenceCheck> checks,
        List<String> warnings, List<TreatedValue> treated, List<Message> messages) {
    public EvaluationResult {
        treated = treated == null ? List.of() : List.copyOf(treated);
        messages = messages == null ? MessageCatalogue.of(warnings) : List.copyOf(messages);
    }

    /** A result whose messages are its warnings' (since 1.3). */
    public EvaluationResult(ModelSummary model, List<CityResult> cities, List<TierCount> tiers,
            Map<String, List<GroupResult>> groups, Map<String, NodeStatistics> statistics, List<ReferenceCheck> checks,
            List<String> warnings, List<TreatedValue> treated) {
        this(model, cities, tiers, groups, statistics, checks, warnings, treated, null);
    }

    public EvaluationResult(ModelSummary model, List<CityResult> cities, List<TierCount> tiers,
            Map<String, List<GroupResult>> groups, Map<String, NodeStatistics> statistics, List<ReferenceCheck> checks,
            List<String> warnings) {
        this(model, cities, tiers, groups, statistics, checks, warnings, List.of());
    }
}

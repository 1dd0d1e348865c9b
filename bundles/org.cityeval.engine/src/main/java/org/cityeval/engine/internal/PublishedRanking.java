package org.cityeval.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.GroupScheme;
import org.cityeval.api.model.Tier;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.GroupResult;
import org.cityeval.api.result.ModelSummary;
import org.cityeval.api.result.ReferenceCheck;
import org.cityeval.api.result.TierCount;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.api.spi.TierRule;

/**
 * A result for data that carry a printed ranking but no indicator scores (CCID 2020 published its top
 * 100 by rank only). Nothing is recomputed: ranks and tiers are the printed ones. What the data do
 * determine is reported — tier sizes, group counts, and whether the printed tiers follow the ranking —
 * and the warnings say plainly what cannot be reproduced.
 */
final class PublishedRanking {
    private PublishedRanking() {
    }

    static EvaluationResult of(EvaluationModel model, CityDataset data, RuleLookup rules, List<String> warnings) {
        List<CityRecord> records = new ArrayList<>(data.records());
        records.removeIf(r -> r.values().get(EvaluationEngine.PRINTED_RANK) == null);
        records.sort(Comparator.comparingDouble(r -> r.values().get(EvaluationEngine.PRINTED_RANK)));
        warnings.add(0, "the data carry a printed ranking but no indicator scores: ranks and tiers are shown as "
                + "published, not recomputed; totals, domain scores, score-band tiers and statistics cannot be "
                + "reproduced from them");

        List<CityResult> cities = new ArrayList<>();
        for (CityRecord r : records) {
            var c = r.city();
            cities.add(new CityResult(c.adcode(), c.name(), c.province(), null,
                    (int) Math.round(r.values().get(EvaluationEngine.PRINTED_RANK)),
                    r.attributes().get(EvaluationEngine.PRINTED_TIER), Map.of()));
        }

        List<TierCount> tiers = new ArrayList<>();
        List<ReferenceCheck> checks = new ArrayList<>();
        if (model.tiers() != null) {
            TierRule rule = rules.tier(model.tiers().rule());
            List<Tier> scheme = model.tiers().tiers();
            for (int i = 0; i < scheme.size(); i++) {
                String id = scheme.get(i).id();
                int count = (int) cities.stream().filter(c -> id.equals(c.tier())).count();
                String name = scheme.get(i).name() == null ? id : scheme.get(i).name().preferred();
                tiers.add(new TierCount(id, name, count, rule == null ? "" : rule.describe(model.tiers(), i)));
            }
            checks.add(tierOrder(cities, scheme));
        }

        Map<String, List<GroupResult>> groups = new LinkedHashMap<>();
        for (GroupScheme g : model.groups()) {
            GroupingRule membership = rules.grouping(g.membership());
            if (membership == null) {
                continue;
            }
            Map<String, List<String>> members = new LinkedHashMap<>();
            for (CityRecord r : records) {
                for (String name : membership.groupsOf(r.city())) {
                    members.computeIfAbsent(name, k -> new ArrayList<>()).add(r.city().adcode());
                }
            }
            List<Map.Entry<String, List<String>>> byCount = new ArrayList<>(members.entrySet());
            byCount.sort((a, b) -> b.getValue().size() - a.getValue().size());
            List<GroupResult> out = new ArrayList<>();
            int previous = -1;
            int rank = 0;
            for (int i = 0; i < byCount.size(); i++) {
                int size = byCount.get(i).getValue().size();
                if (size != previous) {
                    rank = i + 1;
                    previous = size;
                }
                out.add(new GroupResult(byCount.get(i).getKey(), null, size, rank, null, byCount.get(i).getValue()));
            }
            groups.put(g.kind(), out);
        }

        ModelSummary summary = new ModelSummary(model.id(), model.title().preferred(), model.institution().preferred(),
                model.edition(), model.year(), model.scale().max(), model.scale().precision(), -1, List.of());
        return new EvaluationResult(summary, cities, tiers, groups, Map.of(), checks, warnings);
    }

    /** The printed tiers must not go back up as the rank goes down (and must be tiers of the model). */
    private static ReferenceCheck tierOrder(List<CityResult> cities, List<Tier> scheme) {
        List<String> ids = scheme.stream().map(Tier::id).toList();
        List<String> problems = new ArrayList<>();
        int compared = 0;
        int best = 0;
        for (CityResult c : cities) {
            if (c.tier() == null) {
                continue;
            }
            compared++;
            int index = ids.indexOf(c.tier());
            if (index < 0) {
                problems.add(c.name() + ": '" + c.tier() + "' is not a tier of the model");
            } else if (index < best) {
                problems.add(c.name() + " (rank " + c.rank() + "): " + c.tier() + " below a city of a lower tier");
            } else {
                best = index;
            }
        }
        return new ReferenceCheck("tier order", compared, compared - problems.size(), problems);
    }
}

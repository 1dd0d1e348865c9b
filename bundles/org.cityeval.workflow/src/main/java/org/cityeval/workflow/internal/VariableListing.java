package org.cityeval.workflow.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.Variable;
import org.cityeval.api.workflow.CatalogueVariable;
import org.cityeval.api.workflow.CatalogueVariable.YearCoverage;

/**
 * The catalogue variables of a data pack with their years and coverage: one pass over the pack's records,
 * counting per year the cities present and, per variable, the cities with a value. A city is counted once per
 * year even if the pack repeats it.
 */
final class VariableListing {
    private VariableListing() {
    }

    /** A null year (data without years) sorts first; a pack has either years or none. */
    private static final java.util.Comparator<Integer> YEARS = java.util.Comparator.nullsFirst(Integer::compare);

    /**
     * @param catalogue the catalogue's variables by id
     * @return each catalogue variable that is a value column of {@code data}, in the data's column order
     */
    static List<CatalogueVariable> of(String pack, CityDataset data, Map<String, Variable> catalogue) {
        List<String> ids = data.valueColumns().stream().filter(catalogue::containsKey).toList();
        Map<Integer, Set<String>> citiesByYear = new TreeMap<>(YEARS);
        Map<String, Map<Integer, Set<String>>> valuesByYear = new HashMap<>();
        for (CityRecord r : data.records()) {
            String city = r.city().adcode();
            citiesByYear.computeIfAbsent(r.year(), y -> new HashSet<>()).add(city);
            for (String id : ids) {
                Double v = r.values().get(id);
                if (v != null && !v.isNaN()) {
                    valuesByYear.computeIfAbsent(id, k -> new HashMap<>()).computeIfAbsent(r.year(), y -> new HashSet<>()).add(city);
                }
            }
        }
        List<CatalogueVariable> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Map<Integer, Set<String>> values = valuesByYear.getOrDefault(id, Map.of());
            List<YearCoverage> coverage = new ArrayList<>();
            List<Integer> years = new ArrayList<>();
            citiesByYear.forEach((year, cities) -> {
                int n = values.getOrDefault(year, Set.of()).size();
                coverage.add(new YearCoverage(year, cities.size(), n));
                if (n > 0 && year != null) {
                    years.add(year);
                }
            });
            out.add(new CatalogueVariable(catalogue.get(id), pack, years, coverage));
        }
        return out;
    }

    /** A variable no installed pack carries: no years, no coverage. */
    static CatalogueVariable unpacked(Variable v) {
        return new CatalogueVariable(v, null, List.of(), List.of());
    }
}

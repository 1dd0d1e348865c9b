package org.cityeval.api.workflow;

import java.util.List;

import org.cityeval.api.data.Variable;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A catalogue variable as a model author looks for it: what a leaf's {@code binding} can name, with the data
 * pack that carries it, the years it has values in and how many of the pack's cities it covers. Listed by
 * {@link VariablesWorkflow#variables}, {@code cityeval variables} and {@code GET /api/variables}.
 *
 * @param variable the catalogue's entry: id (what a binding names), zh/en name, unit, polarity, description,
 *                 source, bounds
 * @param pack     the data pack the figures below are of; {@code null} for a variable that the catalogue
 *                 declares but no installed pack carries (a model may still bind it and read it from its own data)
 * @param years    the years with at least one city's value, ascending; a pack without years has none
 * @param coverage one entry per year of the pack (also those without a value), ascending; one entry with year
 *                 {@code null} for a pack without years; empty when {@code pack} is {@code null}
 */
@ProviderType
public record CatalogueVariable(Variable variable, String pack, List<Integer> years, List<YearCoverage> coverage) {
    public CatalogueVariable {
        years = List.copyOf(years);
        coverage = List.copyOf(coverage);
    }

    /**
     * The cities of one year of a pack that have a value of the variable.
     *
     * @param year   the year, or {@code null} when the pack's data have no year
     * @param cities the cities the pack has records of in that year
     * @param values of those, the cities with a value of this variable
     */
    @ProviderType
    public record YearCoverage(Integer year, int cities, int values) {
        /** @return {@code values / cities}, 0 when the year has no city */
        public double share() {
            return cities == 0 ? 0 : (double) values / cities;
        }
    }

    /** @return the variable's id: what a descriptor's {@code binding} names */
    public String id() {
        return variable.id();
    }

    /**
     * @return the coverage of the latest year with a value (of the pack's only entry when it has no years);
     *         {@code null} when the pack has no value of it at all, or when no pack carries it
     */
    public YearCoverage latest() {
        for (int i = coverage.size() - 1; i >= 0; i--) {
            if (coverage.get(i).values() > 0) {
                return coverage.get(i);
            }
        }
        return null;
    }
}

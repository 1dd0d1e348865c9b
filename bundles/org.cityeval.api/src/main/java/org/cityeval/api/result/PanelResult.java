package org.cityeval.api.result;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One model evaluated on several years of a dataset (a panel): per city the series of its totals, ranks and tiers
 * and of its node scores over the years, and its trend. Each year is evaluated as a one-year run would be (ranks
 * and tiers within the year); with {@code normalisation} {@code panel} the leaves' scoring rules see the values
 * of every year of the panel at once (min-max over the panel's range), so scores are comparable across years.
 * Field names are the JSON output's.
 *
 * @param model         the model and what the result rests on (its {@code year} is the panel's last year)
 * @param years         the years, ascending; every series below has one entry per year (null: no value)
 * @param normalisation {@code year} (each year's own range, a one-year run's scores) or {@code panel}
 * @param imputation    the time-series imputation of missing values ({@code none}, {@code interpolate},
 *                      {@code locf})
 * @param cities        one per city, in order of the last year's rank (unranked last)
 * @param imputed       the values the time-series imputation filled, as {@code city year column}, including every
 *                      value of a row it made for a year the city had no row in (the warnings name those rows; a
 *                      city-year left without a row is {@code null} in the city's series and named in a warning)
 * @param warnings      what the user should know: each year's warnings once, prefixed by the year
 */
@ProviderType
public record PanelResult(ModelSummary model, List<Integer> years, String normalisation, String imputation,
        List<PanelCity> cities, List<String> imputed, List<String> warnings) {
    public PanelResult {
        years = List.copyOf(years);
        cities = List.copyOf(cities);
        imputed = List.copyOf(imputed);
        warnings = List.copyOf(warnings);
    }
}

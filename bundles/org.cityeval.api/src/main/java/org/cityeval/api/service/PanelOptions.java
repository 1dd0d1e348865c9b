package org.cityeval.api.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How a dataset with several years is evaluated as a panel ({@link Evaluator#evaluatePanel}).
 *
 * @param years         the years to evaluate, ascending; empty for every year the data hold
 * @param normalisation {@link #YEAR} (each year scored on its own range, as a one-year run) or {@link #PANEL}
 *                      (the leaves' scoring rules see every year's values at once, so scores are comparable)
 * @param imputation    {@link #NONE}, {@link #INTERPOLATE} (linear between a city's years with the value; the
 *                      ends keep no value) or {@link #LOCF} (last observation carried forward)
 */
@ProviderType
public record PanelOptions(List<Integer> years, String normalisation, String imputation) {
    public static final String YEAR = "year";
    public static final String PANEL = "panel";
    public static final String NONE = "none";
    public static final String INTERPOLATE = "interpolate";
    public static final String LOCF = "locf";

    /** @throws IllegalArgumentException for an unknown normalisation or imputation, naming the choices */
    public PanelOptions {
        years = years == null ? List.of() : years.stream().sorted().distinct().toList();
        normalisation = normalisation == null ? YEAR : normalisation.toLowerCase(Locale.ROOT);
        imputation = imputation == null ? NONE : imputation.toLowerCase(Locale.ROOT);
        if (!normalisation.equals(YEAR) && !normalisation.equals(PANEL)) {
            throw new IllegalArgumentException("normalise '" + normalisation + "': year or panel");
        }
        if (!imputation.equals(NONE) && !imputation.equals(INTERPOLATE) && !imputation.equals(LOCF)) {
            throw new IllegalArgumentException("missing '" + imputation + "' for a panel: none, interpolate or locf");
        }
    }

    /**
     * Reads years as people write them: {@code all}, {@code 2019-2023}, {@code 2019,2021,2023} or a mix.
     *
     * @return the years, empty for {@code all}
     * @throws IllegalArgumentException for anything else; the message says what is expected
     */
    public static List<Integer> parseYears(String text) {
        String v = text == null ? "" : text.trim();
        if (v.equalsIgnoreCase("all")) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : v.split(",")) {
                String p = part.trim();
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    int from = Integer.parseInt(p.substring(0, dash).trim());
                    int to = Integer.parseInt(p.substring(dash + 1).trim());
                    if (to < from || to - from > 200) {
                        throw new NumberFormatException();
                    }
                    for (int y = from; y <= to; y++) {
                        out.add(y);
                    }
                } else {
                    out.add(Integer.parseInt(p));
                }
            }
        } catch (NumberFormatException e) {
            out.clear();
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("years '" + v + "': 'all', a range such as 2019-2023 or a list such "
                    + "as 2019,2021");
        }
        return out.stream().sorted().distinct().toList();
    }
}

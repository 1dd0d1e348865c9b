package org.cityeval.api.data;

import java.util.List;

import org.cityeval.api.model.Direction;
import org.cityeval.api.model.LocalizedText;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A variable of the shared catalogue: what a data column measures, so that every model binds its
 * indicators to the same, documented quantities.
 *
 * @param id          column name in datasets, e.g. {@code gdp_per_capita_yuan_reported}
 * @param name        name in Chinese and English
 * @param unit        unit, e.g. {@code 亿元 (100 million yuan)}
 * @param polarity    whether more is better for a city ({@code positive}) or worse ({@code negative})
 * @param description what it measures and how it was compiled
 * @param source      where the figures come from
 * @param sameAs      ids of variables measuring the same quantity from another source (checked for
 *                    disagreement by the quality report)
 * @param bounds      {@code nonnegative}, {@code share} (0..1) or {@code null}: values outside are impossible
 */
@ProviderType
public record Variable(String id, LocalizedText name, String unit, Direction polarity, String description,
        String source, List<String> sameAs, String bounds) {
    public Variable {
        sameAs = sameAs == null ? List.of() : List.copyOf(sameAs);
    }
}

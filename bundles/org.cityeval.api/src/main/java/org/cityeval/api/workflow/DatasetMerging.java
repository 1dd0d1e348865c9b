package org.cityeval.api.workflow;

import java.io.IOException;
import java.util.List;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Combines several datasets (a filled collection form, a data pack, a CSV) into one for an evaluation. Precedence
 * is the order given: for one city, year and variable the first source that has a value wins; a later source fills
 * only what earlier ones leave missing. A later value that differs from the kept one by more than the tolerance
 * ({@code |a - b| / max(|a|, |b|)}, the quality report's measure of disagreement) is a
 * {@link org.cityeval.api.data.SourceConflict}, kept in the merged dataset's
 * {@link org.cityeval.api.data.ValueSources#conflicts()}; every value keeps its
 * {@link org.cityeval.api.data.ValueSource}, naming the input it came from.
 * <p>
 * Example: {@code merging.merge(List.of(DataSource.parse("form.xlsx"), DataSource.pack("china-cities")),
 * DatasetMerging.TOLERANCE)}. {@link DataSources#read} of a {@link DataSource#merged} source does the same with
 * {@link #TOLERANCE}.
 *
 * @since 1.2
 */
@ProviderType
public interface DatasetMerging {
    /** The default tolerance: 5% of the larger value, as the quality report's cross-source check. */
    double TOLERANCE = 0.05;

    /**
     * @param sources   in precedence order (the first wins)
     * @param tolerance relative difference above which two values conflict, 0 or more
     * @throws WorkflowException INVALID when sources with years are merged with sources without
     * @throws BadInputException from an importer
     */
    CityDataset merge(List<DataSource> sources, double tolerance) throws IOException, BadInputException;
}

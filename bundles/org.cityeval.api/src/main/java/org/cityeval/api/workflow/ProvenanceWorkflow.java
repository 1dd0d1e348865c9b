package org.cityeval.api.workflow;

import java.io.IOException;

import org.cityeval.api.data.BadInputException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a city's leaf value came from, for the CLI's {@code cityeval provenance}, the web API's
 * {@code GET /api/provenance} and the reports. Example:
 * {@code provenance.provenance("ccid-digital-city-2020", DataSource.parse("form.xlsx"), "杭州", "A1", 2023)}.
 *
 * @since 1.2
 */
@ProviderType
public interface ProvenanceWorkflow {
    /**
     * @param city a city's name, short name, pinyin or adcode, as in the data
     * @param year the year, or {@code null} for the latest year with the city's values for the leaf
     * @throws WorkflowException NOT_FOUND for an unknown model, leaf, or a city not in the data; INVALID for a node
     *                           that is not a leaf
     */
    LeafProvenance provenance(String model, DataSource data, String city, String leaf, Integer year)
            throws IOException, BadInputException;
}

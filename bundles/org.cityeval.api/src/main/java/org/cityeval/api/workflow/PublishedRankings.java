package org.cityeval.api.workflow;

import java.io.IOException;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.result.EvaluationResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads a published ranking from a file, validated like any dataset: through the dataset importers (CSV,
 * XLSX), so cities resolve through the city registry and every problem names {@code file:row:column}. The
 * result is an {@link EvaluationResult} as a model's reproduced reference table is, so it compares beside
 * evaluated and reproduced models. Format: docs/data-formats.md, "Published rankings".
 * <p>
 * Example: {@code published.read(PublishedSource.parse("report2023.csv"))}.
 *
 * @since 1.1
 */
@ProviderType
public interface PublishedRankings {
    /**
     * @param source a model (its reproduced reference result) or a file
     * @throws WorkflowException NOT_FOUND for a missing file or unknown model
     * @throws BadInputException naming file, row and column
     */
    EvaluationResult read(PublishedSource source) throws IOException, BadInputException;
}

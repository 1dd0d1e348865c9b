package org.cityeval.api.analysis;

import java.util.List;
import java.util.Map;

import org.cityeval.api.result.EvaluationResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Compares the results of several models (or their published reference results) city by city.
 * <p>
 * Example: {@code analysis.compare(List.of(psdf, ccid), Map.of(), 10)}.
 */
@ProviderType
public interface ConcordanceAnalysis {

    /**
     * @param results   one per model, in order
     * @param crosswalk domain name → (model id → node id) for domain-level correlations; may be empty
     * @param topK      depth of rank-biased overlap and the number of movers per pair
     */
    Concordance compare(List<EvaluationResult> results, Map<String, Map<String, String>> crosswalk, int topK);

    /**
     * As {@link #compare(List, Map, int)}, reporting beside it the models that were to be compared but whose
     * evaluation failed.
     */
    default Concordance compare(List<EvaluationResult> results, Map<String, Map<String, String>> crosswalk, int topK,
            List<Concordance.Failed> failed) {
        return compare(results, crosswalk, topK).withFailed(failed);
    }

    /**
     * As {@link #compare(List, Map, int, List)}, naming the nodes that explain each mover by their labels, and
     * never naming a node and its ancestor as two reasons (since 1.5).
     *
     * @param trees per model id: its nodes by id (parent and labels); a model absent here is explained by ids
     */
    default Concordance compare(List<EvaluationResult> results, Map<String, Map<String, String>> crosswalk, int topK,
            List<Concordance.Failed> failed, Map<String, Map<String, Concordance.NodeLabel>> trees) {
        return compare(results, crosswalk, topK, failed);
    }
}

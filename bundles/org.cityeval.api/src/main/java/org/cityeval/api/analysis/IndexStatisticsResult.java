package org.cityeval.api.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Statistics of an index (since 1.6), see {@link IndexStatistics}. Field names are the JSON output's.
 *
 * @param model  the model's id
 * @param cities the cities in the evaluation
 * @param nodes  per inner node analysed, in the tree's order (depth first)
 * @param notes  what the numbers rest on
 */
@ProviderType
public record IndexStatisticsResult(String model, int cities, List<NodeStats> nodes, List<String> notes) {
    public IndexStatisticsResult {
        nodes = List.copyOf(nodes);
        notes = List.copyOf(notes);
    }

    /**
     * One inner node.
     *
     * @param node       its id ({@code total} for the root)
     * @param level      its level (0 for the root)
     * @param children   its children's ids, in the model's order
     * @param pairs      every pair of children, in the children's order
     * @param withParent each child with this node
     * @param withIndex  each child with the index (the root); empty for the root itself
     * @param flags      pairs of children whose Pearson correlation is above {@link IndexStatistics#COLLINEAR}
     *                   ({@code collinear}) or below {@link IndexStatistics#NEGATIVE} ({@code negative})
     * @param cronbach   Cronbach's alpha of the children (pairwise covariances); {@code null} with fewer than two
     *                   children or when not computable
     * @param pca        principal components of the children; {@code null} with fewer than two children or fewer
     *                   than three cities having every child's value
     */
    @ProviderType
    public record NodeStats(String node, int level, List<String> children, List<Correlation> pairs,
            List<Correlation> withParent, List<Correlation> withIndex, List<Flag> flags, Double cronbach, Pca pca) {
        public NodeStats {
            children = List.copyOf(children);
            pairs = List.copyOf(pairs);
            withParent = List.copyOf(withParent);
            withIndex = List.copyOf(withIndex);
            flags = List.copyOf(flags);
        }
    }

    /**
     * The correlation of two nodes' values over the cities having both.
     *
     * @param a        first node
     * @param b        second node
     * @param pearson  Pearson's r, {@code null} when not computable (fewer than two cities, or a constant value)
     * @param spearman Spearman's rho (average ranks for ties), {@code null} when not computable
     * @param n        the cities having both values
     */
    @ProviderType
    public record Correlation(String a, String b, Double pearson, Double spearman, int n) {
    }

    /**
     * A flagged pair of children.
     *
     * @param a         first child
     * @param b         second child
     * @param kind      {@code collinear} or {@code negative}
     * @param pearson   their Pearson correlation
     * @param threshold the threshold it passed
     */
    @ProviderType
    public record Flag(String a, String b, String kind, double pearson, double threshold) {
    }

    /**
     * Principal components of a node's children: the correlation matrix's eigen-decomposition (prcomp centred
     * and scaled, as COINr's {@code get_PCA}) on the cities having every child's value.
     *
     * @param rows       the cities used
     * @param eigenvalues the components' variances, largest first
     * @param explained  each component's share of the total variance (0..1)
     * @param pc1        the first component's loadings per child, signed so that their sum is not negative (an
     *                   eigenvector's sign is arbitrary)
     */
    @ProviderType
    public record Pca(int rows, List<Double> eigenvalues, List<Double> explained, Map<String, Double> pc1) {
        public Pca {
            eigenvalues = List.copyOf(eigenvalues);
            explained = List.copyOf(explained);
            pc1 = Collections.unmodifiableMap(new LinkedHashMap<>(pc1));
        }
    }
}

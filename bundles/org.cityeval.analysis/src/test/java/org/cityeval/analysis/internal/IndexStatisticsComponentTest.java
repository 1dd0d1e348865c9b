package org.cityeval.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.cityeval.api.analysis.IndexStatisticsResult.Correlation;
import org.cityeval.api.analysis.IndexStatisticsResult.Pca;
import org.junit.jupiter.api.Test;

/** Known values (computed by hand or with R 4.2.2's cor, cov and prcomp) for the statistics' building blocks. */
class IndexStatisticsComponentTest {
    static final double NA = Double.NaN;

    @Test
    void pearsonAndSpearmanOnPairwiseCompleteCities() {
        // R: cor(c(1,2,3,4), c(2,4,5,9)) = 0.96476382123773219; the NA rows are dropped pair by pair
        Correlation c = IndexStatisticsComponent.correlation("a", new double[] { 1, 2, NA, 3, 4 }, "b",
                new double[] { 2, 4, 7, 5, 9 });
        assertEquals(4, c.n());
        assertEquals(0.96476382123773219, c.pearson(), 1e-12);
        assertEquals(1.0, c.spearman(), 1e-12);
        // ties take average ranks: R cor(c(1,1,2,3), c(1,2,3,4), method = "spearman") = 0.9486832980505138
        assertEquals(0.9486832980505138, IndexStatisticsComponent.correlation("a", new double[] { 1, 1, 2, 3 }, "b",
                new double[] { 1, 2, 3, 4 }).spearman(), 1e-12);
    }

    @Test
    void aConstantOrTooShortSeriesHasNoCorrelation() {
        assertNull(IndexStatisticsComponent.correlation("a", new double[] { 1, 1, 1 }, "b", new double[] { 1, 2, 3 })
                .pearson());
        assertNull(IndexStatisticsComponent.correlation("a", new double[] { 1, NA }, "b", new double[] { 1, 2 })
                .pearson());
    }

    @Test
    void cronbachIsKOverKMinusOneTimesOneMinusSumOfVariancesOverTotal() {
        double[][] x = { { 1, 2, 3, 4, 5 }, { 2, 2, 4, 4, 6 }, { 1, 3, 2, 5, 4 } };
        // variances 2.5, 2.8, 2.5; total variance of the row sums 19.8 (sum of the covariance matrix)
        double expected = 3.0 / 2 * (1 - (2.5 + 2.8 + 2.5) / 19.8);
        assertEquals(expected, IndexStatisticsComponent.cronbach(x), 1e-12);
    }

    @Test
    void noCronbachWhenNoTwoChildrenShareCities() {
        assertNull(IndexStatisticsComponent.cronbach(new double[][] { { 1, 2, 3 }, { NA, NA, NA } }));
    }

    @Test
    void pcaOfTwoCorrelatedChildren() {
        // two children with correlation r: eigenvalues 1 + r and 1 - r, PC1 loadings (1/sqrt 2, 1/sqrt 2)
        double[][] x = { { 1, 2, 3, 4 }, { 2, 4, 5, 9 } };
        double r = 0.96476382123773219;
        Pca p = IndexStatisticsComponent.pca(List.of("a", "b"), x);
        assertEquals(4, p.rows());
        assertEquals(1 + r, p.eigenvalues().get(0), 1e-10);
        assertEquals(1 - r, p.eigenvalues().get(1), 1e-10);
        assertEquals((1 + r) / 2, p.explained().get(0), 1e-10);
        assertEquals(Math.sqrt(0.5), p.pc1().get("a"), 1e-10);
        assertEquals(Math.sqrt(0.5), p.pc1().get("b"), 1e-10);
    }
}

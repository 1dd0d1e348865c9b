package org.cityeval.analysis.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.cityeval.api.analysis.IndexStatistics;
import org.cityeval.api.analysis.IndexStatisticsResult;
import org.cityeval.api.analysis.PipelineStages;
import org.cityeval.api.analysis.IndexStatisticsResult.Correlation;
import org.cityeval.api.analysis.IndexStatisticsResult.Flag;
import org.cityeval.api.analysis.IndexStatisticsResult.NodeStats;
import org.cityeval.api.analysis.IndexStatisticsResult.Pca;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.osgi.service.component.annotations.Component;

/**
 * Statistics of an index on a model's evaluation: the values are each node's points over its weight, read from
 * the pipeline's unrounded {@code aggregated} stage (or from the result's rounded scores; one engine either way:
 * what {@code evaluate} computed). Correlations (Pearson; Spearman on average ranks)
 * and covariances use the cities where both values exist, pair by pair, as R's
 * {@code use = "pairwise.complete.obs"} (COINr's default); the PCA uses the cities with every child's value
 * and the correlation matrix's eigen-decomposition (R's {@code prcomp(scale = TRUE)}).
 */
@Component(service = IndexStatistics.class)
public class IndexStatisticsComponent implements IndexStatistics {

    /** Eigenvalues below this share of the largest are taken as zero (a constant or duplicated child). */
    private static final double EIGEN_EPS = 1e-12;

    /** Values of a node, one per unit (NaN: none). */
    private interface Values {
        double[] of(Indicator n);
    }

    @Override
    public IndexStatisticsResult analyse(EvaluationModel model, EvaluationResult result, String node) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(result, "result");
        List<CityResult> cities = result.cities();
        return analyse(model, n -> values(n, cities), cities.size(), node,
                "values: each node's score divided by its weight in points (a leaf's normalised indicator, "
                        + "direction applied), from the model's evaluation (with the run's missing-data treatment, "
                        + "the model's own by default), scores rounded to the model's precision + 4 decimals");
    }

    @Override
    public IndexStatisticsResult analyse(EvaluationModel model, PipelineStages stages, String node) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stages, "stages");
        PipelineStages.Stage aggregated = stages.stage("aggregated");
        if (aggregated == null) {
            throw new IllegalArgumentException("the pipeline stages of model '" + model.id()
                    + "' have no 'aggregated' stage");
        }
        int units = stages.units().size();
        return analyse(model, n -> values(n, aggregated, units), units, node,
                "values: each node's points in the pipeline's aggregated stage (unrounded) divided by its weight "
                        + "in points (a leaf's normalised indicator, direction applied), from the model's evaluation "
                        + "(with the run's missing-data treatment, the model's own by default)");
    }

    private IndexStatisticsResult analyse(EvaluationModel model, Values values, int units, String node,
            String valuesNote) {
        List<Indicator> inner = new ArrayList<>();
        if (node == null) {
            inner(model.root(), inner);
        } else {
            Indicator n = model.node(node).orElseThrow(() -> new IllegalArgumentException(
                    "model '" + model.id() + "' has no node '" + node + "'"));
            if (n.leaf()) {
                throw new IllegalArgumentException("node '" + node + "' of model '" + model.id()
                        + "' is a leaf: statistics are of an inner node's children (try its parent)");
            }
            inner.add(n);
        }
        double[] index = values.of(model.root());
        List<NodeStats> out = new ArrayList<>();
        for (Indicator n : inner) {
            out.add(node(model.root(), n, values, index));
        }
        List<String> notes = new ArrayList<>();
        notes.add(valuesNote);
        notes.add("correlations and Cronbach's alpha on the cities having both values, pair by pair "
                + "(pairwise complete observations, as COINr); Spearman's rho on average ranks");
        notes.add("flags: pairs of children with Pearson's r > " + COLLINEAR + " (collinear) or < " + NEGATIVE
                + " (negative), COINr's get_corr_flags thresholds");
        notes.add("PCA: eigen-decomposition of the children's correlation matrix on the cities having every "
                + "child's value (prcomp centred and scaled, as COINr's get_PCA); PC1 signed so that its "
                + "loadings sum to a non-negative number");
        return new IndexStatisticsResult(model.id(), units, out, notes);
    }

    private static void inner(Indicator n, List<Indicator> out) {
        if (n.leaf()) {
            return;
        }
        out.add(n);
        for (Indicator c : n.children()) {
            inner(c, out);
        }
    }

    private static double[] values(Indicator n, List<CityResult> cities) {
        double w = n.weight() == null ? 0 : n.weight().value();
        double[] v = new double[cities.size()];
        for (int c = 0; c < v.length; c++) {
            Double s = cities.get(c).scores() == null ? null : cities.get(c).scores().get(n.id());
            v[c] = s == null || !Double.isFinite(s) ? Double.NaN : (w > 0 ? s / w : s);
        }
        return v;
    }

    private static double[] values(Indicator n, PipelineStages.Stage aggregated, int units) {
        double w = n.weight() == null ? 0 : n.weight().value();
        List<Double> points = aggregated.values().get(n.id());
        double[] v = new double[units];
        for (int c = 0; c < units; c++) {
            Double s = points == null ? null : points.get(c);
            v[c] = s == null || !Double.isFinite(s) ? Double.NaN : (w > 0 ? s / w : s);
        }
        return v;
    }

    private static NodeStats node(Indicator root, Indicator n, Values values, double[] index) {
        List<Indicator> kids = n.children();
        int k = kids.size();
        List<String> ids = new ArrayList<>(k);
        double[][] x = new double[k][];
        for (int i = 0; i < k; i++) {
            ids.add(kids.get(i).id());
            x[i] = values.of(kids.get(i));
        }
        double[] parent = values.of(n);
        List<Correlation> pairs = new ArrayList<>();
        List<Flag> flags = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                Correlation c = correlation(ids.get(i), x[i], ids.get(j), x[j]);
                pairs.add(c);
                if (c.pearson() != null && c.pearson() > COLLINEAR) {
                    flags.add(new Flag(c.a(), c.b(), "collinear", c.pearson(), COLLINEAR));
                } else if (c.pearson() != null && c.pearson() < NEGATIVE) {
                    flags.add(new Flag(c.a(), c.b(), "negative", c.pearson(), NEGATIVE));
                }
            }
        }
        List<Correlation> withParent = new ArrayList<>();
        List<Correlation> withIndex = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            withParent.add(correlation(ids.get(i), x[i], n.id(), parent));
            if (n != root) {
                withIndex.add(correlation(ids.get(i), x[i], root.id(), index));
            }
        }
        return new NodeStats(n.id(), n.level(), ids, pairs, withParent, withIndex, flags, k < 2 ? null : cronbach(x),
                k < 2 ? null : pca(ids, x));
    }

    static Correlation correlation(String a, double[] x, String b, double[] y) {
        double[][] xy = complete(x, y);
        int n = xy[0].length;
        Double r = pearson(xy[0], xy[1]);
        Double rho = n < 2 ? null : pearson(RankStatistics.averageRanks(xy[0]), RankStatistics.averageRanks(xy[1]));
        return new Correlation(a, b, r, rho, n);
    }

    private static double[][] complete(double[] x, double[] y) {
        int n = 0;
        for (int c = 0; c < x.length; c++) {
            if (!Double.isNaN(x[c]) && !Double.isNaN(y[c])) {
                n++;
            }
        }
        double[][] out = new double[2][n];
        int i = 0;
        for (int c = 0; c < x.length; c++) {
            if (!Double.isNaN(x[c]) && !Double.isNaN(y[c])) {
                out[0][i] = x[c];
                out[1][i++] = y[c];
            }
        }
        return out;
    }

    /** Pearson's r, or {@code null} with fewer than two values or a constant one. */
    static Double pearson(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return null;
        }
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return null;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample covariance over the cities having both values; NaN with fewer than two. */
    static double covariance(double[] x, double[] y) {
        double[][] xy = complete(x, y);
        int n = xy[0].length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = mean(xy[0]);
        double my = mean(xy[1]);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (xy[0][i] - mx) * (xy[1][i] - my);
        }
        return s / (n - 1);
    }

    /**
     * Cronbach's alpha as COINr's {@code get_cronbach}: k² × the mean off-diagonal covariance ÷ the sum of the
     * covariance matrix, covariances pairwise; missing covariances are left out of the sums.
     */
    static Double cronbach(double[][] x) {
        int k = x.length;
        double all = 0;
        double diagonal = 0;
        int offDiagonal = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double c = covariance(x[i], x[j]);
                if (!Double.isNaN(c)) {
                    all += c;
                    if (i == j) {
                        diagonal += c;
                    } else {
                        offDiagonal++;
                    }
                }
            }
        }
        if (offDiagonal == 0) {
            return null; // no two children share two cities: nothing to say about their consistency
        }
        double offMean = (all - diagonal) / (k * (double) (k - 1));
        double alpha = k * (double) k * offMean / all;
        return Double.isFinite(alpha) ? alpha : null;
    }

    static Pca pca(List<String> ids, double[][] x) {
        int k = x.length;
        int cities = x[0].length;
        List<Integer> rows = new ArrayList<>();
        for (int c = 0; c < cities; c++) {
            boolean all = true;
            for (double[] col : x) {
                all &= !Double.isNaN(col[c]);
            }
            if (all) {
                rows.add(c);
            }
        }
        int n = rows.size();
        if (n < 3) {
            return null;
        }
        double[][] z = new double[k][n];
        for (int i = 0; i < k; i++) {
            for (int r = 0; r < n; r++) {
                z[i][r] = x[i][rows.get(r)];
            }
        }
        double[][] corr = new double[k][k];
        for (int i = 0; i < k; i++) {
            corr[i][i] = 1;
            for (int j = i + 1; j < k; j++) {
                Double r = pearson(z[i], z[j]);
                if (r == null) {
                    return null; // a child constant over the complete rows: prcomp cannot scale it either
                }
                corr[i][j] = r;
                corr[j][i] = r;
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(corr, false));
        double[] values = eigen.getRealEigenvalues().clone();
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        List<Double> eigenvalues = new ArrayList<>(k);
        List<Double> explained = new ArrayList<>(k);
        double total = 0;
        for (double v : values) {
            total += Math.max(v, 0);
        }
        for (int i : order) {
            double v = values[i] < EIGEN_EPS * values[order[0]] ? 0 : values[i];
            eigenvalues.add(v);
            explained.add(v / total);
        }
        RealVector first = eigen.getEigenvector(order[0]);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += first.getEntry(i);
        }
        double sign = sum < 0 ? -1 : 1;
        Map<String, Double> pc1 = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            pc1.put(ids.get(i), sign * first.getEntry(i) + 0.0);
        }
        return new Pca(n, eigenvalues, explained, pc1);
    }
}

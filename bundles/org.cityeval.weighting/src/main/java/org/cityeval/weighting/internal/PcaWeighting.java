package org.cityeval.weighting.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.WeightingMethod;
import org.osgi.service.component.annotations.Component;

/**
 * {@code pca}: weights from the first principal component of the standardised children, i.e. of their
 * correlation matrix R (units with a missing value are left out whole). With λ1 the largest eigenvalue of
 * R and v its unit eigenvector, the loadings are l_j = v_j √λ1 and
 *
 * <pre>
 * w_j = l_j² / Σ_k l_k² = v_j²
 * </pre>
 *
 * The share of the variance the component explains is λ1 / m (the trace of R is m); the notes give it and
 * warn when it is below 60%, the OECD/JRC threshold for the retained factors to summarise the data.
 * <p>
 * <b>Variant.</b> The OECD/JRC <i>Handbook on Constructing Composite Indicators</i> (2008, §6.1) retains
 * several factors (eigenvalue &gt; 1, each explaining &gt; 10% and together &gt; 60% of the variance),
 * rotates them (varimax), squares the loadings and scales them to sum 1 within each factor, assigns each
 * indicator to the factor it loads on most and weights the factors by their share of the explained
 * variance. This method keeps only the first, unrotated component: squared loadings normalised to sum 1.
 * With one retained factor the Handbook's procedure gives the same weights (rotation does not change one
 * factor, and the variance scaling of a single factor cancels in the normalisation). With several factors
 * the Handbook's weights depend on choices (how many factors to keep, which rotation) that this
 * parameter-free method would have to make silently, so it does not go there. The sign of a loading is lost in the square: a child loading negatively
 * (moving against the others) still gets a positive weight, and the notes warn of it.
 * <p>
 * A constant column has no correlation and is an error; when the two largest eigenvalues are equal the
 * first component is not unique and the weights would be arbitrary, which is an error too. No
 * parameters; needs at least 3 complete units.
 */
@Component(property = Rules.NAME + "=" + PcaWeighting.NAME)
public class PcaWeighting implements WeightingMethod {
    public static final String NAME = "pca";
    static final double EXPLAINED_WARNING = 0.60;

    @Override
    public Result weights(double[][] data, List<String> children, Map<String, Object> parameters) {
        Parameters.allowOnly(Parameters.of(parameters), NAME);
        int m = Inputs.children(children, NAME);
        Inputs.Complete c = Inputs.complete(data, m, NAME, 3);
        for (int j = 0; j < m; j++) {
            Inputs.notConstant(c, j, children, NAME, "so it cannot be standardised or correlated");
        }
        List<String> notes = new ArrayList<>();
        if (m == 1) {
            notes.add(NAME + " " + c.describe() + ": one child, weight 1");
            return new Result(new double[] {1}, notes);
        }
        double[][] r = Inputs.correlations(c.rows(), m);
        EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(r, false));
        double[] lambda = ed.getRealEigenvalues();
        int first = 0;
        for (int i = 1; i < lambda.length; i++) {
            if (lambda[i] > lambda[first]) {
                first = i;
            }
        }
        double second = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < lambda.length; i++) {
            if (i != first) {
                second = Math.max(second, lambda[i]);
            }
        }
        if (lambda[first] - second <= 1e-9 * m) {
            throw new IllegalArgumentException(NAME + ": the first principal component is not unique (the two "
                    + "largest eigenvalues of the correlation matrix are both " + Format.fixed(lambda[first], 4)
                    + "), so PCA weights would be arbitrary; use another method");
        }
        RealVector v = ed.getEigenvector(first);
        double sum = 0;
        double squares = 0;
        for (int j = 0; j < m; j++) {
            sum += v.getEntry(j);
            squares += v.getEntry(j) * v.getEntry(j);
        }
        double sign = sum < 0 ? -1 : 1; // orient the component so that its loadings mostly are positive
        double[] w = new double[m];
        double[] loadings = new double[m];
        for (int j = 0; j < m; j++) {
            w[j] = v.getEntry(j) * v.getEntry(j) / squares;
            loadings[j] = sign * v.getEntry(j) / Math.sqrt(squares) * Math.sqrt(lambda[first]);
        }
        double explained = lambda[first] / m;

        notes.add(NAME + " " + c.describe() + ": the first principal component of the correlation matrix explains "
                + Format.fixed(100 * explained, 1) + "% of the variance (λ1 = " + Format.fixed(lambda[first], 4)
                + " of " + m + "); loadings " + Format.perChild(children, loadings, 4)
                + "; weights = squared loadings normalised to sum 1");
        if (explained < EXPLAINED_WARNING) {
            notes.add(NAME + ": warning: the first component explains only " + Format.fixed(100 * explained, 1)
                    + "% of the variance (below 60%), so one component summarises these children poorly and the "
                    + "weights rest on a minority of the information");
        }
        for (int j = 0; j < m; j++) {
            if (loadings[j] < 0) {
                notes.add(NAME + ": warning: '" + children.get(j) + "' loads negatively (" + Format.fixed(loadings[j], 4)
                        + ") on the first component: it moves against the others yet gets a positive weight; check "
                        + "its direction");
            }
        }
        return new Result(w, notes);
    }
}

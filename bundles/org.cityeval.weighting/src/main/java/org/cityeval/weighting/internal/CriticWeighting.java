package org.cityeval.weighting.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.WeightingMethod;
import org.osgi.service.component.annotations.Component;

/**
 * {@code critic}: CRITIC, "CRiteria Importance Through Intercriteria Correlation" (Diakoulaki, Mavrotas &amp;
 * Papayannakis 1995, Computers &amp; Operations Research 22(7):763–770). A child weighs more the more it
 * varies (contrast) and the less it agrees with the others (conflict). Over the n units with a value for
 * every child (units with a missing value are left out whole):
 *
 * <pre>
 * z_ij = (x_ij − min_i x_ij) / (max_i x_ij − min_i x_ij)   min-max per column
 * σ_j  = sample standard deviation of z_·j (n − 1)
 * r_jk = Pearson correlation of columns j and k
 * C_j  = σ_j Σ_k (1 − r_jk)
 * w_j  = C_j / Σ_k C_k
 * </pre>
 *
 * The columns are taken as given, higher is better (the data reach weighting already oriented); the
 * paper's normalisation for a cost criterion, (max − x)/(max − min), leaves σ and |r| alone but flips the
 * sign of r against every benefit criterion, and with it the weights: orient the data before weighting. The
 * paper does not say whether σ divides by n or n − 1; this uses the sample standard deviation
 * (n − 1). Since C_j is linear in σ_j, the choice scales every C_j alike and the weights do not depend
 * on it. A constant column has no contrast and is an error. No parameters; needs at least 3 complete
 * units.
 */
@Component(property = Rules.NAME + "=" + CriticWeighting.NAME)
public class CriticWeighting implements WeightingMethod {
    public static final String NAME = "critic";

    @Override
    public Result weights(double[][] data, List<String> children, Map<String, Object> parameters) {
        Parameters.allowOnly(Parameters.of(parameters), NAME);
        int m = Inputs.children(children, NAME);
        Inputs.Complete c = Inputs.complete(data, m, NAME, 3);
        int n = c.n();
        double[][] z = new double[n][m];
        for (int j = 0; j < m; j++) {
            Inputs.notConstant(c, j, children, NAME, "so it has no contrast (σ = 0) and min-max cannot scale it");
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[] row : c.rows()) {
                min = Math.min(min, row[j]);
                max = Math.max(max, row[j]);
            }
            for (int i = 0; i < n; i++) {
                z[i][j] = (c.rows()[i][j] - min) / (max - min);
            }
        }
        double[] sigma = new double[m];
        for (int j = 0; j < m; j++) {
            sigma[j] = Inputs.sampleSd(Inputs.column(z, j));
        }
        double[][] r = Inputs.correlations(z, m);
        double[] info = new double[m];
        for (int j = 0; j < m; j++) {
            double conflict = 0;
            for (int k = 0; k < m; k++) {
                conflict += 1 - r[j][k];
            }
            info[j] = sigma[j] * conflict;
        }

        List<String> notes = new ArrayList<>();
        notes.add(NAME + " " + c.describe() + ", each column min-max normalised as given (higher is better): σ_j "
                + "(sample, n − 1) " + Format.perChild(children, sigma, 4) + "; information C_j = σ_j Σ_k (1 − r_jk) "
                + Format.perChild(children, info, 4));
        if (m == 1) {
            return new Result(new double[] {1}, notes);
        }
        double total = 0;
        double spread = 0;
        for (int j = 0; j < m; j++) {
            total += info[j];
            spread += sigma[j] * (m - 1);
        }
        if (total <= 1e-12 * spread) { // every r_jk = 1 up to rounding
            throw new IllegalArgumentException(NAME + ": the children are perfectly correlated (every r_jk = 1), "
                    + "so there is no conflict between them and CRITIC gives them no information; use equal weights");
        }
        return new Result(Inputs.normalise(info), notes);
    }
}

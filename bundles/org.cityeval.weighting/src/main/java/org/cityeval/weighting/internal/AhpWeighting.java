package org.cityeval.weighting.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.exception.MathRuntimeException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.WeightingMethod;
import org.osgi.service.component.annotations.Component;

/**
 * {@code ahp}: Saaty's analytic hierarchy process. The parameter {@code matrix} holds the pairwise
 * judgements: a_ij says how much more important child i is than child j (Saaty's 1–9 scale, though any
 * positive ratio is accepted), with a_ii = 1 and a_ji = 1/a_ij. The weights are the principal (Perron)
 * eigenvector w of A, A w = λmax w, normalised to add up to 1.
 * <p>
 * <b>Consistency</b> (Saaty 1980, <i>The Analytic Hierarchy Process</i>, McGraw-Hill; Saaty 1990, "How to
 * make a decision", EJOR 48:9–26): CI = (λmax − m)/(m − 1), CR = CI/RI with the random index RI of
 * Saaty 1980 for m = 1..15: 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57,
 * 1.59. For m ≤ 2 every reciprocal matrix is consistent and CR = 0. A CR above 0.10 is an error ("revise
 * the matrix or set force"), which also names the judgement furthest from the derived weights (largest
 * a_ij·w_j/w_i or its inverse), the usual first candidate for revision. With {@code force: true} the weights
 * are returned anyway and a note says so. Later Saaty papers (e.g. 2008) print a slightly different RI
 * table (0.52, 0.89, 1.11, ...), so their CRs for 3×3 and 4×4 matrices come out a little higher than here.
 * <p>
 * Parameters:
 * <ul>
 * <li>{@code matrix} (required): m lists of m positive numbers, row i for child i in child order. An entry
 * may also be a text fraction such as {@code "1/3"}, since JSON has no exact 1/3. The diagonal must be 1
 * and each pair reciprocal: the smaller of a_ij, a_ji within 1e-6 of the inverse of the larger, so
 * 0.333333 passes for 1/3. Otherwise the error names the cell.</li>
 * <li>{@code force} (optional, default false): accept a CR above 0.10.</li>
 * </ul>
 * The data are not used. The notes give λmax, CI, RI and CR.
 * <p>
 * The eigenvector comes from Commons Math's {@link EigenDecomposition} (the real eigenvalue with the
 * largest value; by Perron–Frobenius it is simple and its eigenvector positive), then is polished by power
 * iteration (w ← A w / Σ A w) to full double precision; should the decomposition fail, power iteration
 * from the row geometric means does the whole job.
 */
@Component(property = Rules.NAME + "=" + AhpWeighting.NAME)
public class AhpWeighting implements WeightingMethod {
    public static final String NAME = "ahp";
    static final String MATRIX = "matrix";
    static final String FORCE = "force";
    static final double TOLERANCE = 1e-6;
    static final double CR_LIMIT = 0.10;

    /** Saaty (1980), random consistency index for m = 1..15. */
    static final double[] RANDOM_INDEX = {0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56,
        1.57, 1.59};

    /** What the method found: weights, λmax, CI, RI and CR. */
    record Analysis(double[] weights, double lambdaMax, double ci, double ri, double cr) {
    }

    @Override
    public Result weights(double[][] data, List<String> children, Map<String, Object> parameters) {
        Map<String, Object> p = Parameters.of(parameters);
        Parameters.allowOnly(p, NAME, MATRIX, FORCE);
        int m = Inputs.children(children, NAME);
        boolean force = Parameters.flag(p, FORCE, false, NAME);
        if (m > RANDOM_INDEX.length) {
            throw new IllegalArgumentException(NAME + ": " + m + " children are too many to compare pairwise; "
                    + "Saaty's random index (for the consistency ratio) is tabulated up to " + RANDOM_INDEX.length
                    + " (and AHP is meant for about 7 ± 2): group the children or use another method");
        }
        double[][] a = matrix(Parameters.required(p, MATRIX, NAME,
                ": " + m + " rows of " + m + " pairwise judgements, row i saying how much more important child i is "
                        + "than each child j"), children);
        Analysis r = analyse(a);

        List<String> notes = new ArrayList<>();
        notes.add(NAME + ": λmax = " + Format.fixed(r.lambdaMax(), 3) + ", CI = (λmax − m)/(m − 1) = "
                + Format.fixed(r.ci(), 3) + ", RI = " + Format.fixed(r.ri(), 2) + " (Saaty 1980, m = " + m
                + "), CR = CI/RI = " + Format.fixed(r.cr(), 3) + (m <= 2 ? " (m ≤ 2: always consistent)" : ""));
        if (r.cr() > CR_LIMIT) {
            String problem = "inconsistent judgements: CR = " + Format.fixed(r.cr(), 3) + " > "
                    + Format.fixed(CR_LIMIT, 2);
            String worst = worst(a, r.weights(), children);
            if (!force) {
                throw new IllegalArgumentException(NAME + ": " + problem + "; revise the matrix or set " + FORCE
                        + " (" + worst + ")");
            }
            notes.add(NAME + ": " + problem + ", accepted because " + FORCE + " is set (" + worst + ")");
        }
        notes.add(NAME + ": weights (principal eigenvector) " + Format.perChild(children, r.weights(), 4));
        return new Result(r.weights(), notes);
    }

    /** Weights and consistency of a positive reciprocal matrix, checked beforehand. */
    static Analysis analyse(double[][] a) {
        int m = a.length;
        double[] w = principal(a);
        double lambda = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                lambda += a[i][j] * w[j]; // Σ_i (A w)_i = λmax Σ_i w_i = λmax
            }
        }
        double ci = m <= 2 ? 0 : Math.max(0, (lambda - m) / (m - 1)); // λmax ≥ m; below only by rounding
        double ri = RANDOM_INDEX[m - 1];
        double cr = m <= 2 ? 0 : ci / ri;
        return new Analysis(w, lambda, ci, ri, cr);
    }

    /** @return the principal eigenvector, positive and adding up to 1 */
    static double[] principal(double[][] a) {
        int m = a.length;
        double[] w = null;
        try {
            EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(a, true));
            double[] re = ed.getRealEigenvalues();
            double[] im = ed.getImagEigenvalues();
            int best = -1;
            for (int i = 0; i < re.length; i++) {
                if (im[i] == 0 && (best < 0 || re[i] > re[best])) {
                    best = i;
                }
            }
            if (best >= 0) {
                RealVector v = ed.getEigenvector(best);
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += v.getEntry(i);
                }
                double[] c = new double[m];
                boolean positive = sum != 0;
                for (int i = 0; i < m && positive; i++) {
                    c[i] = v.getEntry(i) / sum;
                    positive = c[i] > 0;
                }
                w = positive ? c : null;
            }
        } catch (MathRuntimeException e) {
            w = null; // power iteration below does the whole job
        }
        if (w == null) {
            w = new double[m];
            for (int i = 0; i < m; i++) {
                double log = 0;
                for (int j = 0; j < m; j++) {
                    log += Math.log(a[i][j]);
                }
                w[i] = Math.exp(log / m);
            }
            w = Inputs.normalise(w);
        }
        // Power iteration: converges for a positive matrix (Perron–Frobenius); from the decomposition's
        // vector it only removes the last rounding error.
        for (int it = 0; it < 100_000; it++) {
            double[] next = new double[m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    next[i] += a[i][j] * w[j];
                }
            }
            next = Inputs.normalise(next);
            double change = 0;
            for (int i = 0; i < m; i++) {
                change = Math.max(change, Math.abs(next[i] - w[i]));
            }
            w = next;
            if (change <= 1e-15) {
                break;
            }
        }
        return w;
    }

    /** @return the judgement furthest from the weights, e.g. {@code furthest from the weights: ...} */
    static String worst(double[][] a, double[] w, List<String> children) {
        int m = a.length;
        int bi = 0;
        int bj = 1;
        double worst = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                double e = a[i][j] * w[j] / w[i];
                double dev = Math.max(e, 1 / e);
                if (dev > worst) {
                    worst = dev;
                    bi = i;
                    bj = j;
                }
            }
        }
        return "the judgement furthest from the weights is " + cell(bi, bj, children) + " = "
                + judgement(a[bi][bj]) + " where the weights imply " + Format.fixed(w[bi] / w[bj], 2);
    }

    /** {@code 6}, {@code 1/6} or {@code 2.5}, as one would write the judgement */
    static String judgement(double a) {
        if (a < 1 && Math.abs(1 / a - Math.rint(1 / a)) < 1e-6) {
            return "1/" + (long) Math.rint(1 / a);
        }
        return Format.plain(Double.parseDouble(Format.fixed(a, 3)));
    }

    /** {@code matrix[2][3] (b vs c)}, 1-based as people count rows and columns */
    static String cell(int i, int j, List<String> children) {
        return MATRIX + "[" + (i + 1) + "][" + (j + 1) + "] (" + children.get(i) + " vs " + children.get(j) + ")";
    }

    /** Reads and checks the matrix: m × m, positive, unit diagonal, reciprocal. */
    static double[][] matrix(Object raw, List<String> children) {
        int m = children.size();
        String what = NAME + ": parameter '" + MATRIX + "'";
        if (!(raw instanceof List<?> rows)) {
            throw new IllegalArgumentException(what + " must be a list of " + m + " rows, not "
                    + Parameters.describe(raw));
        }
        if (rows.size() != m) {
            throw new IllegalArgumentException(what + " has " + rows.size() + " row" + (rows.size() == 1 ? "" : "s")
                    + " but there are " + m + " children (" + String.join(", ", children) + "); it needs " + m
                    + " rows of " + m);
        }
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) {
            if (!(rows.get(i) instanceof List<?> row) || row.size() != m) {
                throw new IllegalArgumentException(what + ": row " + (i + 1) + " (" + children.get(i) + ") must be a "
                        + "list of " + m + " judgements, not " + (rows.get(i) instanceof List<?> l
                                ? "a list of " + l.size() : Parameters.describe(rows.get(i))));
            }
            for (int j = 0; j < m; j++) {
                a[i][j] = entry(row.get(j), NAME + ": " + cell(i, j, children));
            }
        }
        for (int i = 0; i < m; i++) {
            if (Math.abs(a[i][i] - 1) > TOLERANCE) {
                throw new IllegalArgumentException(NAME + ": " + cell(i, i, children) + " is " + Format.plain(a[i][i])
                        + "; a child compared with itself is 1");
            }
            for (int j = i + 1; j < m; j++) {
                double big = Math.max(a[i][j], a[j][i]);
                double small = Math.min(a[i][j], a[j][i]);
                if (Math.abs(small - 1 / big) > TOLERANCE) {
                    throw new IllegalArgumentException(NAME + ": " + cell(i, j, children) + " = "
                            + Format.plain(a[i][j]) + " and " + cell(j, i, children) + " = " + Format.plain(a[j][i])
                            + " are not reciprocal: with " + Format.plain(big) + " the other must be 1/"
                            + Format.plain(big) + " = " + Format.fixed(1 / big, 6) + " (write it \"1/"
                            + Format.plain(big) + "\")");
                }
            }
        }
        return a;
    }

    /** One judgement: a positive number or a text fraction such as "1/3". */
    static double entry(Object v, String what) {
        double d;
        if (v instanceof String s) {
            d = fraction(s.trim(), what);
        } else {
            d = Parameters.toNumber(v, what);
        }
        if (!(d > 0)) {
            throw new IllegalArgumentException(what + " is " + Format.plain(d) + "; judgements are positive ratios "
                    + "(1/9 … 9 on Saaty's scale)");
        }
        return d;
    }

    private static double fraction(String s, String what) {
        try {
            int slash = s.indexOf('/');
            if (slash < 0) {
                return new BigDecimal(s).doubleValue();
            }
            double num = new BigDecimal(s.substring(0, slash).trim()).doubleValue();
            double den = new BigDecimal(s.substring(slash + 1).trim()).doubleValue();
            if (den == 0) {
                throw new NumberFormatException();
            }
            return num / den;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number or a fraction such as \"1/3\", not "
                    + Parameters.describe(s));
        }
    }
}

package org.cityeval.weighting.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks shared by all methods: the children, and the data table of the data-driven methods. */
final class Inputs {
    private Inputs() {
    }

    /**
     * @return the number of children
     * @throws IllegalArgumentException when there are none, or an id is blank or repeated
     */
    static int children(List<String> children, String method) {
        if (children == null || children.isEmpty()) {
            throw new IllegalArgumentException(method + ": there are no children to weight");
        }
        Set<String> seen = new HashSet<>();
        for (String c : children) {
            if (c == null || c.isBlank()) {
                throw new IllegalArgumentException(method + ": a child has no id");
            }
            if (!seen.add(c)) {
                throw new IllegalArgumentException(method + ": the child '" + c + "' appears twice");
            }
        }
        return children.size();
    }

    /**
     * The rows of the data that have a value for every child, their 1-based positions in the table (for
     * messages), and how many were left out.
     */
    record Complete(double[][] rows, int[] units, int leftOut) {
        int n() {
            return rows.length;
        }

        /** {@code over 10 units (2 left out: missing values)} */
        String describe() {
            return "over " + rows.length + " unit" + (rows.length == 1 ? "" : "s")
                    + (leftOut == 0 ? "" : " (" + leftOut + " left out: missing values)");
        }
    }

    /**
     * Keeps the units (rows) with a value for every child; a unit with any NaN is left out whole.
     *
     * @param minUnits the fewest complete units the method can work with
     * @throws IllegalArgumentException when the table does not fit the children, holds an infinite value,
     *                                  or has fewer than {@code minUnits} complete units
     */
    static Complete complete(double[][] data, int m, String method, int minUnits) {
        if (data == null) {
            throw new IllegalArgumentException(method + " derives weights from data, but there are none "
                    + "(it needs a table of units × children)");
        }
        List<double[]> kept = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        int leftOut = 0;
        for (int u = 0; u < data.length; u++) {
            double[] row = data[u];
            if (row == null || row.length != m) {
                throw new IllegalArgumentException(method + ": unit " + (u + 1) + " has "
                        + (row == null ? "no" : String.valueOf(row.length)) + " values, but there are " + m
                        + " children (one column per child)");
            }
            boolean missing = false;
            for (int j = 0; j < m; j++) {
                if (Double.isInfinite(row[j])) {
                    throw new IllegalArgumentException(method + ": unit " + (u + 1) + ", column " + (j + 1)
                            + " is infinite");
                }
                missing |= Double.isNaN(row[j]);
            }
            if (missing) {
                leftOut++;
            } else {
                kept.add(row.clone());
                positions.add(u + 1);
            }
        }
        if (kept.size() < minUnits) {
            throw new IllegalArgumentException(method + " needs at least " + minUnits + " units with a value for "
                    + "every child, but has " + kept.size() + (leftOut == 0 ? ""
                            : " (" + leftOut + " left out for missing values)"));
        }
        return new Complete(kept.toArray(new double[0][]), positions.stream().mapToInt(Integer::intValue).toArray(),
                leftOut);
    }

    /** @return column {@code j} of {@code rows} */
    static double[] column(double[][] rows, int j) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][j];
        }
        return c;
    }

    /** @return the arithmetic mean */
    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** @return the sample standard deviation, √(Σ (x − mean)² / (n − 1)) */
    static double sampleSd(double[] x) {
        double mean = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    /** @return the Pearson correlation matrix of the columns of {@code rows}, none of them constant */
    static double[][] correlations(double[][] rows, int m) {
        double[][] dev = new double[m][];
        double[] norm = new double[m];
        for (int j = 0; j < m; j++) {
            double[] c = column(rows, j);
            double mean = mean(c);
            double ss = 0;
            for (int i = 0; i < c.length; i++) {
                c[i] -= mean;
                ss += c[i] * c[i];
            }
            dev[j] = c;
            norm[j] = Math.sqrt(ss);
        }
        double[][] r = new double[m][m];
        for (int j = 0; j < m; j++) {
            r[j][j] = 1;
            for (int k = j + 1; k < m; k++) {
                double s = 0;
                for (int i = 0; i < rows.length; i++) {
                    s += dev[j][i] * dev[k][i];
                }
                double v = Math.max(-1, Math.min(1, s / (norm[j] * norm[k])));
                r[j][k] = v;
                r[k][j] = v;
            }
        }
        return r;
    }

    /**
     * Checks that column {@code j} varies.
     *
     * @param why what a constant column breaks, e.g. {@code so it has no contrast}
     * @throws IllegalArgumentException when column {@code j} has the same value in every unit
     */
    static void notConstant(Complete c, int j, List<String> children, String method, String why) {
        double first = c.rows()[0][j];
        for (double[] row : c.rows()) {
            if (row[j] != first) {
                return;
            }
        }
        throw new IllegalArgumentException(method + ": '" + children.get(j) + "' is " + Format.plain(first)
                + " in every unit used, " + why + "; leave it out of this node or weight it another way");
    }

    /** @return weights / their sum; the caller guarantees a positive sum */
    static double[] normalise(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double[] w = new double[values.length];
        for (int j = 0; j < values.length; j++) {
            w[j] = values[j] / sum;
        }
        return w;
    }
}

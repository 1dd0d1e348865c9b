package org.cityeval.weighting.internal;

import java.util.function.ToDoubleFunction;

/**
 * The Nelder–Mead simplex minimiser in the variant of J. C. Nash, <i>Compact Numerical Methods for Computers</i>
 * (2nd ed., 1990), Algorithm 19, which is the method R's {@code stats::optim} uses by default: reflection 1,
 * contraction 0.5, expansion 2; the first simplex is the start point plus, along each coordinate in turn, a
 * step of a tenth of the start's largest absolute coordinate (0.1 if all are 0), multiplied by ten while it
 * does not move that coordinate; the search stops when the simplex's highest and lowest function values differ
 * by no more than {@code reltol × (|f(start)| + reltol)}, or after more than {@code maxEvaluations} function
 * evaluations, or when a shrink no longer makes the simplex smaller. A non-finite function value counts as
 * 1e35. Following the same steps in the same order matters: with a loose tolerance (COINr asks for 0.1) the
 * point where the search stops depends on the path, so a different minimiser would stop elsewhere.
 */
final class NelderMead {
    static final double BIG = 1.0e35;
    private static final double REFLECT = 1.0;
    private static final double CONTRACT = 0.5;
    private static final double EXPAND = 2.0;

    /**
     * @param point       the best vertex
     * @param value       its function value
     * @param evaluations function evaluations made
     * @param converged   false when the evaluations ran out (or a shrink failed) before the tolerance was met
     */
    record Result(double[] point, double value, int evaluations, boolean converged) {
    }

    private NelderMead() {
    }

    static Result minimise(ToDoubleFunction<double[]> f, double[] start, double reltol, int maxEvaluations) {
        int n = start.length;
        double first = f.applyAsDouble(start.clone());
        if (!Double.isFinite(first)) {
            throw new IllegalArgumentException("the objective cannot be evaluated at the starting point");
        }
        int evaluations = 1;
        double tolerance = reltol * (Math.abs(first) + reltol);
        // vertices[j] = the j-th vertex (n coordinates); values[j] its function value
        double[][] vertices = new double[n + 1][];
        double[] values = new double[n + 1];
        vertices[0] = start.clone();
        values[0] = first;
        double step = 0;
        for (double x : start) {
            step = Math.max(step, 0.1 * Math.abs(x));
        }
        if (step == 0) {
            step = 0.1;
        }
        double size = 0;
        for (int j = 1; j <= n; j++) {
            double[] v = start.clone();
            double trial = step;
            while (v[j - 1] == start[j - 1]) {
                v[j - 1] = start[j - 1] + trial;
                trial *= 10;
            }
            size += trial;
            vertices[j] = v;
        }
        double lastSize = size;
        int low = 0; // index of the lowest vertex, kept on ties
        boolean evaluateVertices = true;
        boolean failed = false;
        do {
            if (evaluateVertices) {
                for (int j = 0; j <= n; j++) {
                    if (j != low) {
                        values[j] = finite(f.applyAsDouble(vertices[j].clone()));
                        evaluations++;
                    }
                }
                evaluateVertices = false;
            }
            double lowest = values[low];
            double highest = lowest;
            int high = low;
            for (int j = 0; j <= n; j++) {
                if (j == low) {
                    continue;
                }
                if (values[j] < lowest) {
                    low = j;
                    lowest = values[j];
                }
                if (values[j] > highest) {
                    high = j;
                    highest = values[j];
                }
            }
            if (highest <= lowest + tolerance) {
                break;
            }
            double[] centroid = new double[n];
            for (int i = 0; i < n; i++) {
                double sum = -vertices[high][i];
                for (int j = 0; j <= n; j++) {
                    sum += vertices[j][i];
                }
                centroid[i] = sum / n;
            }
            double[] reflected = new double[n];
            for (int i = 0; i < n; i++) {
                reflected[i] = (1 + REFLECT) * centroid[i] - REFLECT * vertices[high][i];
            }
            double reflectedValue = finite(f.applyAsDouble(reflected.clone()));
            evaluations++;
            if (reflectedValue < lowest) {
                double[] expanded = new double[n];
                for (int i = 0; i < n; i++) {
                    expanded[i] = EXPAND * reflected[i] + (1 - EXPAND) * centroid[i];
                }
                double expandedValue = finite(f.applyAsDouble(expanded.clone()));
                evaluations++;
                if (expandedValue < reflectedValue) {
                    vertices[high] = expanded;
                    values[high] = expandedValue;
                } else {
                    vertices[high] = reflected;
                    values[high] = reflectedValue;
                }
                continue;
            }
            if (reflectedValue < highest) {
                vertices[high] = reflected;
                values[high] = reflectedValue;
            }
            double[] contracted = new double[n];
            for (int i = 0; i < n; i++) {
                contracted[i] = (1 - CONTRACT) * vertices[high][i] + CONTRACT * centroid[i];
            }
            double contractedValue = finite(f.applyAsDouble(contracted.clone()));
            evaluations++;
            if (contractedValue < values[high]) {
                vertices[high] = contracted;
                values[high] = contractedValue;
            } else if (reflectedValue >= highest) {
                // shrink every vertex halfway towards the lowest; their values are computed at the loop's top
                evaluateVertices = true;
                size = 0;
                for (int j = 0; j <= n; j++) {
                    if (j != low) {
                        for (int i = 0; i < n; i++) {
                            vertices[j][i] = CONTRACT * (vertices[j][i] - vertices[low][i]) + vertices[low][i];
                            size += Math.abs(vertices[j][i] - vertices[low][i]);
                        }
                    }
                }
                if (size < lastSize) {
                    lastSize = size;
                } else {
                    failed = true;
                    break;
                }
            }
        } while (evaluations <= maxEvaluations);
        return new Result(vertices[low].clone(), values[low], evaluations, !failed && evaluations <= maxEvaluations);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : BIG;
    }
}

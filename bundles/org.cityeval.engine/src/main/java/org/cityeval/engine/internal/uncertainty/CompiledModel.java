package org.cityeval.engine.internal.uncertainty;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.Binding;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.engine.internal.Preparation;

/**
 * A model and a dataset compiled into primitive arrays for thousands of runs.
 * <p>
 * <b>Leaves</b>: the leaf raw values come from the engine's {@link Preparation} under the model's (or the run's)
 * missing-data policy, as {@code evaluate} prepares them (the year's records, the columns named after
 * indicators, leaves computed through their bindings, the coverage threshold, imputation). A node counts as a leaf of the
 * analysis when the data give it for some unit and give none of its descendants (normally the model's
 * leaves; a node whose points the data give where its indicators are missing stands in for them). Nodes the
 * data reach neither directly nor through a descendant are left out. A leaf's direction is its binding's when
 * it comes through one that says, else its own.
 * <p>
 * <b>Tree</b>: nodes are renumbered with the L leaves first (0..L−1, in the model's order) and the inner nodes
 * after them, children before parents, the root last; an inner node's children are a slice of one edge array.
 * <p>
 * <b>Precomputed</b>: everything that depends only on the discrete choices — the treated columns per
 * winsorisation limit, the normalised columns per (limit, normalisation), and per (limit, normalisation,
 * aggregation) the leaves × units matrix of scores already in the space where the mean is arithmetic (see
 * {@link Aggregation}) with which node has a score for which unit — is computed the first time a run asks for
 * it and kept. A run is then only: the weights (perturbed by the caller), and bottom-up, per inner node, a
 * weighted mean renormalised over the children with data, for all units at once (see {@link #index}).
 */
final class CompiledModel {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    final String id;
    final Integer year;
    final List<String> warnings;
    final int units;
    final String[] adcodes;
    final String[] names;
    final int leaves;
    final String[] leafIds;
    final boolean[] negative;
    /** [leaf][unit] raw values, NaN where missing */
    final double[][] raw;
    /** each leaf's node in the model's pre-order (the engine's numbering) */
    final int[] leafNode;
    /** each unit's index among the prepared records */
    final int[] unitIndex;
    /** the model's own scoring, for {@link Normalisation#MODEL}; set once after compiling */
    OwnModel own;
    final int nodes;
    /** inner node p's children: edgeChild[edgeStart[p − L] .. edgeStart[p − L + 1]) */
    final int[] edgeStart;
    final int[] edgeChild;
    /** the model's weight of each node */
    final double[] weight;
    /** per tree level, its nodes (model order) */
    final int[][] levelNodes;
    /** winsorisation limit of each treatment slot (slot 0 = untreated) */
    final int[] winmaxes;
    final boolean logFallback;
    private final AtomicReferenceArray<Treatment.Treated[]> treated;
    private final AtomicReferenceArray<double[][]> normalised;
    private final AtomicReferenceArray<Matrix> matrices;

    /**
     * Normalised scores of one combination of choices, one array per node so that a run's loops over the units
     * are plain same-index array arithmetic the JIT vectorises.
     *
     * @param scores  [leaf][unit] transformed normalised scores, 0 where missing
     * @param present [node][unit] 1 where the node has a score for the unit, else 0: a leaf where the data
     *                give it, an inner node where any child has one (this does not depend on the weights, so
     *                it is computed once)
     */
    record Matrix(double[][] scores, double[][] present) {
    }

    private CompiledModel(String id, Integer year, List<String> warnings, String[] adcodes, String[] names,
            String[] leafIds, boolean[] negative, double[][] raw, int[] leafNode, int[] unitIndex,
            int[] edgeStart, int[] edgeChild, double[] weight, int[][] levelNodes, int[] winmaxes,
            boolean logFallback) {
        this.id = id;
        this.year = year;
        this.warnings = warnings;
        this.units = adcodes.length;
        this.adcodes = adcodes;
        this.names = names;
        this.leaves = leafIds.length;
        this.leafIds = leafIds;
        this.negative = negative;
        this.raw = raw;
        this.leafNode = leafNode;
        this.unitIndex = unitIndex;
        this.nodes = weight.length;
        this.edgeStart = edgeStart;
        this.edgeChild = edgeChild;
        this.weight = weight;
        this.levelNodes = levelNodes;
        this.winmaxes = winmaxes;
        this.logFallback = logFallback;
        this.treated = new AtomicReferenceArray<>(winmaxes.length);
        this.normalised = new AtomicReferenceArray<>(winmaxes.length * Normalisation.values().length);
        this.matrices = new AtomicReferenceArray<>(
                winmaxes.length * Normalisation.values().length * Aggregation.values().length);
    }

    /**
     * @param winmaxes    the winsorisation limits a run may ask for, by slot; slot 0 must be 0 (untreated)
     * @param logFallback COINr's log_CT for a column still failing after winsorisation
     */
    static CompiledModel of(EvaluationModel model, CityDataset data, int[] winmaxes, boolean logFallback)
            throws BadInputException {
        return of(model, data, Preparation.of(model, data, null), winmaxes, logFallback);
    }

    /**
     * @param prep        the data prepared as {@code evaluate} prepares them (under the missing-data policy)
     * @param winmaxes    the winsorisation limits a run may ask for, by slot; slot 0 must be 0 (untreated)
     * @param logFallback COINr's log_CT for a column still failing after winsorisation
     */
    static CompiledModel of(EvaluationModel model, CityDataset data, Preparation prep, int[] winmaxes,
            boolean logFallback) throws BadInputException {
        // the model's nodes in pre-order, as Preparation numbers them
        List<Indicator> pre = new ArrayList<>();
        List<Integer> parentOf = new ArrayList<>();
        preOrder(model.root(), -1, pre, parentOf);
        int size = pre.size();
        boolean[] has = new boolean[size];
        for (int i = 0; i < size; i++) {
            double[] r = prep.raw[i];
            if (r != null) {
                for (double v : r) {
                    if (!Double.isNaN(v)) {
                        has[i] = true;
                        break;
                    }
                }
            }
        }
        boolean[] below = new boolean[size];
        for (int i = size - 1; i > 0; i--) {
            if (has[i] || below[i]) {
                below[parentOf.get(i)] = true;
            }
        }
        if (!below[0]) {
            throw new BadInputException(data.source(), null, "the data give no indicator of " + model.id()
                    + " below its total for any unit");
        }
        // kept nodes: leaves of the analysis, and the inner nodes above them
        List<List<Integer>> kids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            kids.add(new ArrayList<>());
        }
        boolean[] leaf = new boolean[size];
        boolean[] kept = new boolean[size];
        kept[0] = true;
        for (int i = 1; i < size; i++) {
            int p = parentOf.get(i);
            if (kept[p] && !leaf[p] && (has[i] || below[i])) {
                kept[i] = true;
                leaf[i] = !below[i];
                kids.get(p).add(i);
            }
        }
        List<Integer> leafOrder = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (kept[i] && leaf[i]) {
                leafOrder.add(i);
            }
        }
        List<Integer> innerOrder = new ArrayList<>();
        postOrderInner(0, kids, leaf, innerOrder);
        int l = leafOrder.size();
        int total = l + innerOrder.size();
        int[] number = new int[size];
        for (int k = 0; k < l; k++) {
            number[leafOrder.get(k)] = k;
        }
        for (int k = 0; k < innerOrder.size(); k++) {
            number[innerOrder.get(k)] = l + k;
        }
        double[] weight = new double[total];
        int[] edgeStart = new int[innerOrder.size() + 1];
        List<Integer> edges = new ArrayList<>();
        for (int k = 0; k < innerOrder.size(); k++) {
            edgeStart[k] = edges.size();
            for (int c : kids.get(innerOrder.get(k))) {
                edges.add(number[c]);
            }
        }
        edgeStart[innerOrder.size()] = edges.size();
        int maxLevel = 0;
        for (int i = 0; i < size; i++) {
            if (kept[i]) {
                weight[number[i]] = pre.get(i).weight().value();
                maxLevel = Math.max(maxLevel, pre.get(i).level());
            }
        }
        List<List<Integer>> byLevel = new ArrayList<>();
        for (int lv = 0; lv <= maxLevel; lv++) {
            byLevel.add(new ArrayList<>());
        }
        for (int i = 0; i < size; i++) {
            if (kept[i]) {
                byLevel.get(pre.get(i).level()).add(number[i]);
            }
        }
        int[][] levelNodes = new int[maxLevel + 1][];
        for (int lv = 0; lv <= maxLevel; lv++) {
            levelNodes[lv] = byLevel.get(lv).stream().mapToInt(Integer::intValue).toArray();
        }

        List<CityRecord> records = prep.records;
        int n = records.size();
        String[] adcodes = new String[n];
        String[] names = new String[n];
        for (int u = 0; u < n; u++) {
            adcodes[u] = records.get(u).city().adcode();
            names[u] = records.get(u).city().name();
        }
        String[] leafIds = new String[l];
        boolean[] negative = new boolean[l];
        double[][] raw = new double[l][];
        for (int k = 0; k < l; k++) {
            int i = leafOrder.get(k);
            Indicator ind = pre.get(i);
            leafIds[k] = ind.id();
            raw[k] = prep.raw[i].clone();
            Direction d = ind.leaf() ? ind.direction() : Direction.POSITIVE; // an inner node's data are points
            Binding b = ind.binding();
            if (prep.bound[i] && b != null && b.direction() != null) {
                d = b.direction();
            }
            negative[k] = d == Direction.NEGATIVE;
        }
        int[] edgeChild = edges.stream().mapToInt(Integer::intValue).toArray();
        int[] units = new int[n];
        for (int u = 0; u < n; u++) {
            units[u] = u;
        }
        return new CompiledModel(model.id(), prep.year, List.copyOf(prep.warnings), adcodes, names, leafIds, negative,
                raw, leafOrder.stream().mapToInt(Integer::intValue).toArray(), units, edgeStart, edgeChild, weight,
                levelNodes, winmaxes.clone(), logFallback);
    }

    private static void preOrder(Indicator ind, int parent, List<Indicator> out, List<Integer> parentOf) {
        int me = out.size();
        out.add(ind);
        parentOf.add(parent);
        for (Indicator c : ind.children()) {
            preOrder(c, me, out, parentOf);
        }
    }

    private static void postOrderInner(int node, List<List<Integer>> kids, boolean[] leaf, List<Integer> out) {
        for (int c : kids.get(node)) {
            if (!leaf[c]) {
                postOrderInner(c, kids, leaf, out);
            }
        }
        out.add(node);
    }

    /** The same model on a subset of its units, in the given order (normalisation then runs over them). */
    CompiledModel subset(int[] unitIndex) {
        String[] a = new String[unitIndex.length];
        String[] nm = new String[unitIndex.length];
        double[][] r = new double[leaves][unitIndex.length];
        int[] ui = new int[unitIndex.length];
        for (int k = 0; k < unitIndex.length; k++) {
            ui[k] = this.unitIndex[unitIndex[k]];
            a[k] = adcodes[unitIndex[k]];
            nm[k] = names[unitIndex[k]];
            for (int lf = 0; lf < leaves; lf++) {
                r[lf][k] = raw[lf][unitIndex[k]];
            }
        }
        CompiledModel cm = new CompiledModel(id, year, warnings, a, nm, leafIds, negative, r, leafNode, ui,
                edgeStart, edgeChild, weight, levelNodes, winmaxes, logFallback);
        cm.own = own;
        return cm;
    }

    /** @return the columns treated with the limit of {@code slot} (computed once) */
    Treatment.Treated[] treated(int slot) {
        Treatment.Treated[] t = treated.get(slot);
        if (t == null) {
            t = new Treatment.Treated[leaves];
            for (int lf = 0; lf < leaves; lf++) {
                t[lf] = Treatment.treat(raw[lf], winmaxes[slot], logFallback);
            }
            treated.compareAndSet(slot, null, t);
            t = treated.get(slot);
        }
        return t;
    }

    /** @return the columns treated with the limit of {@code slot} and normalised (computed once) */
    double[][] normalised(int slot, Normalisation normalisation) {
        int key = slot * Normalisation.values().length + normalisation.ordinal();
        double[][] cols = normalised.get(key);
        if (cols == null && normalisation == Normalisation.MODEL) {
            // the model's own scoring rules on the treated values: its score rates onto [1, 100] like min-max
            double[][] points = own.points(slot, Normalisation.MODEL);
            cols = new double[leaves][units];
            for (int lf = 0; lf < leaves; lf++) {
                double[] p = points[leafNode[lf]];
                double w = own.pipeline.weight(leafNode[lf]);
                for (int u = 0; u < units; u++) {
                    cols[lf][u] = p == null ? Double.NaN : 1 + 99 * (p[unitIndex[u]] / w);
                }
            }
            normalised.compareAndSet(key, null, cols);
            cols = normalised.get(key);
        } else if (cols == null) {
            Treatment.Treated[] t = treated(slot);
            cols = new double[leaves][];
            for (int lf = 0; lf < leaves; lf++) {
                cols[lf] = normalisation.apply(t[lf].values(), negative[lf]);
            }
            normalised.compareAndSet(key, null, cols);
            cols = normalised.get(key);
        }
        return cols;
    }

    /** @return the scores of one combination of discrete choices (computed once) */
    Matrix matrix(int slot, Normalisation normalisation, Aggregation aggregation) {
        int key = (slot * Normalisation.values().length + normalisation.ordinal()) * Aggregation.values().length
                + aggregation.ordinal();
        Matrix m = matrices.get(key);
        if (m == null) {
            double[][] cols = normalised(slot, normalisation);
            double[][] scores = new double[leaves][units];
            double[][] present = new double[nodes][units];
            for (int lf = 0; lf < leaves; lf++) {
                for (int u = 0; u < units; u++) {
                    double v = aggregation.transform(cols[lf][u]);
                    if (!Double.isNaN(v)) {
                        scores[lf][u] = v;
                        present[lf][u] = 1;
                    }
                }
            }
            for (int p = leaves; p < nodes; p++) {
                for (int q = edgeStart[p - leaves]; q < edgeStart[p - leaves + 1]; q++) {
                    int c = edgeChild[q];
                    for (int u = 0; u < units; u++) {
                        if (present[c][u] > 0) {
                            present[p][u] = 1;
                        }
                    }
                }
            }
            matrices.compareAndSet(key, null, new Matrix(scores, present));
            m = matrices.get(key);
        }
        return m;
    }

    /**
     * Multiplies the weights of the nodes at {@code level} by factors uniform in [1 − noise, 1 + noise], drawn
     * from a SplitMix64 stream (SplittableRandom's generator) seeded from {@code bits} and the level: the same
     * bits always give the same factors. Siblings are renormalised by the means.
     */
    void perturb(double[] nodeWeight, int level, double noise, long bits) {
        perturb(levelNodes, nodeWeight, level, noise, bits);
    }

    /**
     * The weight noise of both compiled forms (COINr's choices here, the model's own in {@link OwnModel}), so
     * that the same input draws the same factors in either: multiplies {@code values[node]} of every node at
     * {@code level} by a factor uniform in [1 − noise, 1 + noise] from a SplitMix64 stream seeded from
     * {@code bits} and the level.
     */
    static void perturb(int[][] levelNodes, double[] values, int level, double noise, long bits) {
        if (level >= levelNodes.length) {
            return;
        }
        long state = Sobol.mix64(bits ^ Sobol.mix64(level * GOLDEN + 0x632BE59BD9B4E019L));
        for (int node : levelNodes[level]) {
            state += GOLDEN;
            double r = (Sobol.mix64(state) >>> 11) * 0x1.0p-53;
            values[node] *= 1 + noise * (2 * r - 1);
        }
    }

    /**
     * The index of every unit, in the matrix's transformed space (increasing in the index). Bottom-up over the
     * inner nodes, each a weighted mean of its children over the units at once:
     * s = Σ w_c · score_c, ws = Σ w_c · present_c, score = s / ws — the weights renormalised over the children
     * with a score, unit by unit, without a branch (a node without any child with a score gets 0 / 1 and is
     * itself marked absent).
     *
     * @param m          the scores
     * @param nodeWeight the weights of this run (length ≥ nodes)
     * @param inner      scratch, [≥ nodes − leaves][≥ units]: the inner nodes' scores
     * @param s          scratch, length ≥ units
     * @param ws         scratch, length ≥ units
     * @param out        receives the index per unit (NaN: no data)
     */
    void index(Matrix m, double[] nodeWeight, double[][] inner, double[] s, double[] ws, double[] out) {
        int n = units;
        int lv = leaves;
        double[][] scores = m.scores();
        double[][] present = m.present();
        for (int p = lv; p < nodes; p++) {
            java.util.Arrays.fill(s, 0, n, 0);
            java.util.Arrays.fill(ws, 0, n, 0);
            for (int q = edgeStart[p - lv]; q < edgeStart[p - lv + 1]; q++) {
                int c = edgeChild[q];
                double w = nodeWeight[c];
                double[] src = c < lv ? scores[c] : inner[c - lv];
                double[] has = present[c];
                for (int u = 0; u < n; u++) {
                    s[u] += w * src[u];
                    ws[u] += w * has[u];
                }
            }
            double[] dst = inner[p - lv];
            double[] has = present[p];
            for (int u = 0; u < n; u++) {
                dst[u] = s[u] / (ws[u] + 1 - has[u]);
            }
        }
        int root = nodes - 1;
        double[] top = inner[root - lv];
        double[] has = present[root];
        for (int u = 0; u < n; u++) {
            out[u] = has[u] > 0 ? top[u] : Double.NaN;
        }
    }

    /** The index of every unit with the model's weights (a convenience for the nominal run and tests). */
    double[] index(int slot, Normalisation normalisation, Aggregation aggregation) {
        double[] out = new double[units];
        index(matrix(slot, normalisation, aggregation), weight.clone(), new double[nodes - leaves][units],
                new double[units], new double[units], out);
        for (int u = 0; u < units; u++) {
            out[u] = aggregation.inverse(out[u]);
        }
        return out;
    }

    /** @return the deepest tree level */
    int maxLevel() {
        return levelNodes.length - 1;
    }
}

package org.cityeval.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.cityeval.api.analysis.CityProfile;
import org.cityeval.api.analysis.PipelineStages;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.City;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;

/**
 * City profiles and intermediate datasets from one evaluation's {@link EvaluationEngine.StageCapture}: pure logic,
 * nothing recomputed.
 */
final class Profiles {
    private Profiles() {
    }

    static PipelineStages stages(EvaluationModel model, EvaluationEngine.StageCapture s) throws BadInputException {
        if (s.tree == null) {
            throw new BadInputException(model.id(), null, "the data are a published ranking (ranks only): "
                    + "the pipeline has no intermediate datasets");
        }
        EvaluationEngine.Tree tree = s.tree;
        List<PipelineStages.Unit> units = new ArrayList<>();
        for (var r : s.records) {
            City c = r.city();
            units.add(new PipelineStages.Unit(c.adcode(), c.name(), c.province()));
        }
        List<PipelineStages.Node> nodes = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            Indicator ind = tree.nodes.get(i);
            boolean leaf = tree.children[i].length == 0;
            nodes.add(new PipelineStages.Node(ind.id(), i == 0 ? null : tree.nodes.get(tree.parent[i]).id(),
                    ind.level(), leaf, ind.direction() == null ? null : ind.direction().toString()));
        }
        List<PipelineStages.Stage> stages = new java.util.ArrayList<>(List.of(
                stage(tree, "raw", "values as bound from the data or catalogue variables (leaves; inner nodes "
                        + "where the data give their points), after the missing-data policy's coverage threshold",
                        s.raw),
                stage(tree, "imputed", "the raw values after the missing-data policy's imputation", s.imputed),
                stage(tree, "scored", "points each given node receives from its scoring rule", s.scored),
                stage(tree, "aggregated", "every node's points after aggregation (the evaluation's scores)",
                        s.aggregated)));
        if (s.treated != null) {
            // only when the run treated outliers (winsorised or transformed a value): between imputed and scored
            stages.add(2, stage(tree, "treated", "the imputed values after outlier treatment (winsorisation, "
                    + "log or Box-Cox transforms; the result's 'treated' lists each change)", s.treated));
        }
        return new PipelineStages(model.id(), units, nodes, stages);
    }

    private static PipelineStages.Stage stage(EvaluationEngine.Tree tree, String name, String description,
            double[][] values) {
        Map<String, List<Double>> byNode = new LinkedHashMap<>();
        for (int i = 0; i < tree.size(); i++) {
            if (values[i] != null) {
                List<Double> v = new ArrayList<>(values[i].length);
                for (double x : values[i]) {
                    v.add(Double.isNaN(x) ? null : x);
                }
                byNode.put(tree.nodes.get(i).id(), java.util.Collections.unmodifiableList(v));
            }
        }
        return new PipelineStages.Stage(name, description, byNode);
    }

    /** The row of the unit that {@code city} names in the result, or an error naming candidates. */
    static int find(EvaluationModel model, List<CityResult> cities, String city) throws BadInputException {
        String q = city.strip();
        for (int i = 0; i < cities.size(); i++) {
            if (q.equals(cities.get(i).adcode()) || q.equals(cities.get(i).name())) {
                return i;
            }
        }
        List<Integer> hits = new ArrayList<>();
        String lower = q.toLowerCase(Locale.ROOT);
        for (int i = 0; i < cities.size(); i++) {
            String n = cities.get(i).name();
            if (n != null && (n.toLowerCase(Locale.ROOT).startsWith(lower) || (n + "市").equals(q + "市"))) {
                hits.add(i);
            }
        }
        if (hits.size() == 1) {
            return hits.get(0);
        }
        List<String> names = new ArrayList<>();
        for (int i : hits.isEmpty() ? List.<Integer>of() : hits) {
            names.add(cities.get(i).name() + " (" + cities.get(i).adcode() + ")");
        }
        throw new BadInputException(model.id(), city, hits.isEmpty()
                ? "no evaluated unit is named or coded '" + city + "' (" + cities.size() + " units were evaluated)"
                : "'" + city + "' is ambiguous: " + String.join(", ", names.subList(0, Math.min(10, names.size()))));
    }

    static CityProfile profile(EvaluationModel model, EvaluationResult result, EvaluationEngine.StageCapture s,
            String city, int topN, int bottomN) throws BadInputException {
        if (topN < 0 || bottomN < 0) {
            throw new BadInputException(model.id(), null, "the numbers of strengths and weaknesses must be >= 0");
        }
        List<CityResult> cities = result.cities();
        CityResult me = cities.get(find(model, cities, city));
        int ranked = (int) cities.stream().filter(c -> c.rank() != null).count();
        Integer provinceRank = null;
        int provinceRanked = 0;
        if (me.province() != null) {
            for (CityResult c : cities) {
                if (me.province().equals(c.province()) && c.rank() != null) {
                    provinceRanked++;
                }
            }
            if (me.rank() != null) {
                int better = 0;
                for (CityResult c : cities) {
                    if (me.province().equals(c.province()) && c.rank() != null && c.rank() < me.rank()) {
                        better++;
                    }
                }
                provinceRank = better + 1;
            }
        }
        EvaluationEngine.Tree tree = s.tree;
        // per node: its points and rank of N
        List<CityProfile.NodeRank> nodes = new ArrayList<>();
        int row = -1;
        for (int c = 0; s.records != null && c < s.records.size(); c++) {
            if (s.records.get(c).city().adcode().equals(me.adcode())) {
                row = c;
            }
        }
        for (int i = 0; i < (tree == null ? 1 : tree.size()); i++) {
            Indicator ind = tree == null ? model.root() : tree.nodes.get(i);
            String parent = i == 0 ? null : tree.nodes.get(tree.parent[i]).id();
            String name = ind.name() == null ? null : ind.name().preferred();
            if (i == 0) {
                // the total: evaluate's rank (of the total at display precision), its unrounded points
                Double points = tree == null || row < 0 || Double.isNaN(s.aggregated[0][row]) ? me.score()
                        : Double.valueOf(s.aggregated[0][row]);
                nodes.add(new CityProfile.NodeRank(ind.id(), name, null, ind.level(), points,
                        me.rank(), ranked));
                continue;
            }
            // inner nodes and leaves: competition ranks of the unrounded points among the units that have them
            double[] v = s.aggregated[i];
            int of = 0;
            for (double x : v) {
                of += Double.isNaN(x) ? 0 : 1;
            }
            int[] rank = Ranking.competition(v);
            boolean has = row >= 0 && !Double.isNaN(v[row]);
            nodes.add(new CityProfile.NodeRank(ind.id(), name, parent, ind.level(), has ? v[row] : null,
                    has && rank[row] > 0 ? rank[row] : null, of));
        }
        List<CityProfile.IndicatorRank> strengths = new ArrayList<>();
        List<CityProfile.IndicatorRank> weaknesses = new ArrayList<>();
        if (tree != null) {
            strengthsAndWeaknesses(tree, s, me.adcode(), topN, bottomN, strengths, weaknesses);
        }
        return new CityProfile(model.id(), me.adcode(), me.name(), me.province(), me.score(), me.rank(), ranked,
                provinceRank, provinceRanked, nodes, strengths, weaknesses);
    }

    /**
     * COINr 1.1.14's {@code get_str_weak} on the raw dataset: ranks (ties share the best, missing values kept out)
     * of the direction-adjusted raw values per indicator; the unit's indicators without a value are dropped, and
     * so are those where it has the column's largest rank; the rest sorted by rank, ties in COINr's indicator order ({@code new_coin} sorts iMeta by level and parent
     * code, C-locale, stably: here by parent id, then tree order), the
     * first {@code topN} are strengths and the last {@code bottomN} weaknesses.
     */
    static void strengthsAndWeaknesses(EvaluationEngine.Tree tree, EvaluationEngine.StageCapture s, String adcode,
            int topN, int bottomN, List<CityProfile.IndicatorRank> strengths,
            List<CityProfile.IndicatorRank> weaknesses) {
        int me = -1;
        for (int c = 0; c < s.records.size(); c++) {
            if (s.records.get(c).city().adcode().equals(adcode)) {
                me = c;
            }
        }
        if (me < 0) {
            return;
        }
        List<CityProfile.IndicatorRank> kept = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            if (tree.children[i].length > 0 || s.raw[i] == null || Double.isNaN(s.raw[i][me])) {
                continue;
            }
            Indicator ind = tree.nodes.get(i);
            double sign = ind.direction() == Direction.NEGATIVE ? -1 : 1;
            double[] v = new double[s.raw[i].length];
            int of = 0;
            for (int c = 0; c < v.length; c++) {
                v[c] = sign * s.raw[i][c];
                of += Double.isNaN(v[c]) ? 0 : 1;
            }
            int[] rank = Ranking.competition(v);
            int worst = 0;
            for (int r : rank) {
                worst = Math.max(worst, r);
            }
            if (rank[me] == worst) {
                continue;
            }
            kept.add(new CityProfile.IndicatorRank(ind.id(), ind.name() == null ? null : ind.name().preferred(),
                    tree.nodes.get(tree.parent[i]).id(), ind.unit(), rank[me], of, s.raw[i][me]));
        }
        // stable: equal rank and parent keep tree order
        kept.sort(Comparator.comparingInt(CityProfile.IndicatorRank::rank)
                .thenComparing(CityProfile.IndicatorRank::group));
        strengths.addAll(kept.subList(0, Math.min(topN, kept.size())));
        weaknesses.addAll(kept.subList(Math.max(0, kept.size() - bottomN), kept.size()));
    }
}

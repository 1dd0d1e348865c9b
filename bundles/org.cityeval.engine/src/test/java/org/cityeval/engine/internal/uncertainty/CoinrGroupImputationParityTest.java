package org.cityeval.engine.internal.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.MissingData;
import org.cityeval.engine.internal.EvaluationEngine;
import org.cityeval.engine.internal.Preparation;
import org.cityeval.engine.internal.RuleLookup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * COINr 1.1.14 parity for group imputation on its ASEM example: every raw indicator imputed by the median
 * ({@code i_median_grp}) or mean ({@code i_mean_grp}) of the units in the same {@code GDP_group}, through a
 * plug-in grouping rule (any registered rule, here one reading the iData's GDP_group column) and the engine's
 * one imputation step ({@code EvaluationEngine.applyMissingData} → {@code Preparation.impute}). Reference:
 * {@code itests/src/test/resources/coinr/asem-impute-grouped.R} and its two CSV files; every value to 1e-6.
 */
class CoinrGroupImputationParityTest {
    static final Path REF = Path.of("../../itests/src/test/resources/coinr");

    @ParameterizedTest
    @CsvSource({ "group-median:gdp-group, asem-imputed-median-GDP_group.csv",
            "group-mean:gdp-group, asem-imputed-mean-GDP_group.csv" })
    void asCoinrImputesWithinGdpGroups(String method, String reference) throws Exception {
        RuleLookup rules = Asem.rulesWithGdpGroup();
        EvaluationModel model = Asem.model();
        CityDataset data = Asem.data();
        Preparation prep = Preparation.of(model, data, null);
        List<Indicator> pre = new ArrayList<>();
        preOrder(model.root(), pre);
        int missingBefore = 0;
        for (int i = 0; i < pre.size(); i++) {
            if (pre.get(i).leaf()) {
                for (double v : prep.raw[i]) {
                    missingBefore += Double.isNaN(v) ? 1 : 0;
                }
            }
        }
        assertEquals(63, missingBefore, "COINr's raw ASEM data miss 63 values");

        new EvaluationEngine(rules).applyMissingData(model, prep, MissingData.parse(method, null));

        Map<String, Map<String, String>> expected = new HashMap<>();
        for (Map<String, String> r : Asem.rows(REF.resolve(reference))) {
            expected.put(r.get("uCode"), r);
        }
        int compared = 0;
        for (int i = 0; i < pre.size(); i++) {
            Indicator ind = pre.get(i);
            if (!ind.leaf()) {
                continue;
            }
            for (int u = 0; u < prep.records.size(); u++) {
                String unit = prep.records.get(u).city().adcode();
                double want = Double.parseDouble(expected.get(unit).get(ind.id()));
                assertEquals(want, prep.raw[i][u], 1e-6 * Math.max(1, Math.abs(want)), ind.id() + " of " + unit);
                compared++;
            }
        }
        assertEquals(51 * 49, compared);
        String kind = method.startsWith("group-median") ? "group-median" : "group-mean";
        assertTrue(prep.warnings.stream().anyMatch(w -> w.startsWith("imputed missing leaf values by " + kind
                + " within gdp-group") && !w.contains("no group value")), prep.warnings.toString());
    }

    private static void preOrder(Indicator ind, List<Indicator> out) {
        out.add(ind);
        for (Indicator c : ind.children()) {
            preOrder(c, out);
        }
    }
}

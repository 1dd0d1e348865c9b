package org.cityeval.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.analysis.UncertaintyAnalysis;
import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.analysis.UncertaintyResult.RankBand;
import org.cityeval.api.analysis.UncertaintySpec;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.service.DataPackCatalog;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.spi.ModelFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One engine, in a real Felix with the distribution's bundles: for every seed model and COINr's ASEM example the
 * uncertainty analysis's nominal ranks are {@code evaluate}'s, city by city — on the model's reference table
 * where it has one with indicator data (Guomai 2024), else on the shipped data pack {@code pack:china-cities}
 * with missing data renormalised (so that the pack's cities are ranked).
 */
class OneEngineTest {
    static final MissingData RENORMALISE = new MissingData("renormalise", null, null);
    @RegisterExtension
    static final OsgiRuntime runtime = OsgiRuntime.perClass();

    /** A little weight noise so that the analysis has something uncertain; only the nominal ranks are checked. */
    static UncertaintySpec spec(MissingData missing) {
        return new UncertaintySpec(4, 1, 1, Map.of(1, 0.1), List.of(), List.of(), List.of(), false, missing);
    }

    static Map<String, Integer> evaluated(EvaluationModel model, CityDataset data, MissingData missing)
            throws Exception {
        EvaluationResult r = runtime.service(Evaluator.class).evaluate(model, data,
                new EvaluationOptions(missing, null, null));
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (CityResult c : r.cities()) {
            if (c.rank() != null && c.rank() > 0) {
                ranks.put(c.adcode(), c.rank());
            }
        }
        return ranks;
    }

    static Map<String, Integer> nominal(UncertaintyResult r) {
        Map<String, Integer> ranks = new LinkedHashMap<>();
        for (RankBand b : r.cities()) {
            ranks.put(b.adcode(), b.nominal());
        }
        return ranks;
    }

    static UncertaintyResult assertOneEngine(EvaluationModel model, CityDataset data, MissingData missing)
            throws Exception {
        Map<String, Integer> expected = evaluated(model, data, missing);
        UncertaintyResult r = runtime.service(UncertaintyAnalysis.class).run(List.of(model), data, spec(missing),
                null);
        assertTrue(expected.size() >= 2, model.id() + ": " + expected.size() + " ranked");
        assertEquals(expected, nominal(r), model.id());
        String notes = String.join("\n", r.notes());
        assertFalse(notes.contains("differently from evaluate"), notes);
        assertTrue(notes.contains("nominal ranking: evaluate's"), notes);
        return r;
    }

    static CityDataset pack(String name) throws Exception {
        DataPackCatalog packs = runtime.service(DataPackCatalog.class);
        DataPackCatalog.DataPack p = packs.packs().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow();
        try (InputStream in = packs.open(name).orElseThrow().openStream()) {
            return runtime.service(DatasetReader.class).read(p.bundle() + "/" + p.file(), in);
        }
    }

    @Test
    void guomai2024OnItsReferenceTableRanksBeijingFirstInBoth() throws Exception {
        EvaluationModel model = runtime.model("guomai-psdf-2024");
        URL ref = runtime.service(ModelCatalog.class).reference("guomai-psdf-2024").orElseThrow();
        CityDataset data;
        try (InputStream in = ref.openStream()) {
            data = runtime.service(DatasetReader.class).read("guomai-psdf-2024-table1.csv", in);
        }
        UncertaintyResult r = assertOneEngine(model, data, null);
        assertEquals("北京市", r.cities().get(0).name());
        assertEquals(1, r.cities().get(0).nominal());
    }

    @ParameterizedTest
    @ValueSource(strings = { "ccid-digital-city-2020", "cstc-smart-2021", "guomai-psdf-2024", "guomai-psft-2019",
            "national-smart-city-2016" })
    void everySeedModelOnTheDataPack(String id) throws Exception {
        assertOneEngine(runtime.model(id), pack("china-cities"), RENORMALISE);
    }

    @Test
    void coinrAsemThroughTheCoinrFormat() throws Exception {
        Path asem = Dist.repo().resolve("bundles/org.cityeval.coinr/src/test/resources/coinr-asem");
        ModelFormat.Imported imported = runtime.service(ModelFormat.class).read(
                Map.of("iMeta", Files.readAllBytes(asem.resolve("asem_iMeta.csv")), "iData",
                        Files.readAllBytes(asem.resolve("asem_iData.csv"))),
                Map.of("iMeta", "asem_iMeta.csv", "iData", "asem_iData.csv"));
        EvaluationModel model = runtime.service(ModelCatalog.class).read("asem_iMeta.csv", imported.descriptor());
        UncertaintyResult r = assertOneEngine(model, imported.data(), null);
        assertEquals(51, r.cities().size());
    }
}

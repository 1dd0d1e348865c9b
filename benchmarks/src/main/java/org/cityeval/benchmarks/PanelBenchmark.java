package org.cityeval.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.result.PanelResult;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.PanelOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 14's panel goal: 2,800 units × 5 years × the five seed models, one invocation evaluating each model as a
 * panel (every year as {@code evaluate} does, ranks and tiers per year, series, CAGR and Theil–Sen slope) through
 * the {@link Evaluator} service of an embedded framework with the real bundles ({@link CityevalFramework}),
 * under the engine's isolation. The data are in memory, built once in the setup: per model a dataset with
 * one column per leaf, values between 0 and the leaf's points (so points scoring accepts them), 3% missing,
 * seeded. {@code normalise}: {@code year} or {@code panel}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class PanelBenchmark {
    static final int UNITS = 2_800;
    static final int YEARS = 5;
    static final List<String> MODELS = List.of("guomai-psdf-2024", "guomai-psft-2019", "ccid-digital-city-2020",
            "cstc-smart-2021", "national-smart-city-2016");

    @Param({ "panel", "year" })
    public String normalise;

    private CityevalFramework runtime;
    private Evaluator evaluator;
    private final List<EvaluationModel> models = new ArrayList<>();
    private final List<CityDataset> data = new ArrayList<>();
    private EvaluationOptions options;
    private PanelOptions panel;

    @Setup
    public void setUp() throws Exception {
        runtime = CityevalFramework.start();
        evaluator = runtime.service(Evaluator.class);
        ModelCatalog catalog = runtime.service(ModelCatalog.class);
        for (String id : MODELS) {
            LoadedModel m = catalog.find(id).orElseThrow(() -> new IllegalStateException(id + " did not load"));
            models.add(m.model());
            data.add(dataset(m.model()));
        }
        options = new EvaluationOptions(null, null, null, false, 0.0);
        panel = new PanelOptions(List.of(), normalise, null);
    }

    static CityDataset dataset(EvaluationModel model) {
        List<Indicator> leaves = new ArrayList<>();
        collect(model.root(), leaves);
        List<String> columns = leaves.stream().map(Indicator::id).toList();
        SplittableRandom random = new SplittableRandom(20261205L);
        List<CityRecord> records = new ArrayList<>(UNITS * YEARS);
        long row = 2;
        for (int u = 0; u < UNITS; u++) {
            String code = String.format("%06d", 100000 + u);
            City city = new City(code, "城市" + u, "城" + u, "城市" + u, "Chengshi" + u, "100000", "省", "省",
                    "prefecture_city", false, false, false);
            for (int y = 0; y < YEARS; y++) {
                Map<String, Double> values = new HashMap<>();
                for (Indicator leaf : leaves) {
                    if (random.nextInt(100) >= 3) {
                        values.put(leaf.id(), Math.round(leaf.weight().value() * random.nextDouble() * 100) / 100.0);
                    }
                }
                records.add(new CityRecord(city, row++, 2019 + y, values, Map.of()));
            }
        }
        return new CityDataset("synthetic " + model.id(), columns, records);
    }

    private static void collect(Indicator node, List<Indicator> leaves) {
        if (node.children() == null || node.children().isEmpty()) {
            if (node.level() > 0) {
                leaves.add(node);
            }
            return;
        }
        node.children().forEach(c -> collect(c, leaves));
    }

    @TearDown
    public void tearDown() throws Exception {
        runtime.close();
    }

    @Benchmark
    public List<PanelResult> fiveModelPanels() throws Exception {
        List<PanelResult> out = new ArrayList<>(models.size());
        for (int i = 0; i < models.size(); i++) {
            out.add(evaluator.evaluatePanel(models.get(i), data.get(i), options, panel));
        }
        return out;
    }
}

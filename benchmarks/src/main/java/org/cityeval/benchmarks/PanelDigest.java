package org.cityeval.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.PanelOptions;

/**
 * {@link PanelBenchmark}'s task once, printing a SHA-256 of every result's full text (records print every
 * double in full, maps in their order): per model the panel with {@code panel} and with {@code year}
 * normalisation, and {@code evaluate} of each year (statistics, groups, checks and warnings included). Two
 * builds whose digests agree gave identical results; used to show the engine's speed-ups change nothing. Usage:
 * {@code java -cp benchmarks.jar org.cityeval.benchmarks.PanelDigest}.
 */
public final class PanelDigest {
    private PanelDigest() {
    }

    public static void main(String[] args) throws Exception {
        try (CityevalFramework runtime = CityevalFramework.start()) {
            Evaluator evaluator = runtime.service(Evaluator.class);
            ModelCatalog catalog = runtime.service(ModelCatalog.class);
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            for (String id : PanelBenchmark.MODELS) {
                LoadedModel m = catalog.find(id).orElseThrow(() -> new IllegalStateException(id + " did not load"));
                EvaluationModel model = m.model();
                CityDataset data = PanelBenchmark.dataset(model);
                EvaluationOptions options = new EvaluationOptions(null, null, null, false, 0.0);
                StringBuilder text = new StringBuilder();
                for (String normalise : List.of("panel", "year")) {
                    text.append(evaluator.evaluatePanel(model, data, options, new PanelOptions(List.of(), normalise,
                            null))).append('\n');
                }
                for (int y = 2019; y < 2019 + PanelBenchmark.YEARS; y++) {
                    text.append(evaluator.evaluate(model, data, new EvaluationOptions(null, y, null, false, 0.0)))
                            .append('\n');
                }
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                all.update(bytes);
                System.out.printf("%s %s (%d characters)%n", id,
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), text.length());
            }
            System.out.println("all " + HexFormat.of().formatHex(all.digest()));
        }
    }
}

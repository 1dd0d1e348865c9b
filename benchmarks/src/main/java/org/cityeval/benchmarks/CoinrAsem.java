package org.cityeval.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cityeval.api.analysis.UncertaintySpec;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.spi.ModelFormat;

/**
 * COINr's ASEM example read the way the runtime reads it — the two CSV files through the COINr
 * {@link ModelFormat} service into a descriptor and a dataset, the descriptor through {@link ModelCatalog#read}
 * (the extender's checks) into a model, both services of the {@link CityevalFramework} — and the sensitivity
 * task of COINr's documentation on it.
 */
final class CoinrAsem {
    /** Where the files are, relative to the repository root (the working directory of the scripts). */
    static final String DEFAULT_DIR = "bundles/org.cityeval.coinr/src/test/resources/coinr-asem";
    static final String META = "asem_iMeta.csv";
    static final String DATA = "asem_iData.csv";
    /** The COINr format's names for its two inputs (docs/data-formats.md). */
    static final String IMETA = "iMeta";
    static final String IDATA = "iData";

    final EvaluationModel model;
    final CityDataset data;

    private CoinrAsem(EvaluationModel model, CityDataset data) {
        this.model = model;
        this.data = data;
    }

    /** Reads iMeta and iData from {@code dir} (or the default directory when empty) with the runtime's services. */
    static CoinrAsem read(CityevalFramework runtime, String dir) throws Exception {
        Path d = Path.of(dir == null || dir.isEmpty() ? DEFAULT_DIR : dir);
        byte[] meta = read(d.resolve(META));
        byte[] data = read(d.resolve(DATA));
        ModelFormat coinr = runtime.service(ModelFormat.class, "(" + ModelFormat.NAME + "=coinr)");
        ModelFormat.Imported imported = coinr.read(Map.of(IMETA, meta, IDATA, data), Map.of(IMETA, META, IDATA, DATA));
        EvaluationModel model = runtime.service(ModelCatalog.class).read(d.resolve(META).toString(), imported.descriptor());
        return new CoinrAsem(model, imported.data());
    }

    private static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file.toAbsolutePath() + " not found (run from the repository root, or give the "
                    + "directory holding " + META + " and " + DATA + ")");
        }
        return Files.readAllBytes(file);
    }

    /**
     * The task of COINr's sensitivity vignette on ASEM, as benchmarked: winsorisation limit 1..5 (COINr's
     * Treat()), min-max (onto [1, 100]) or rank normalisation, ±25% noise on the weights of COINr's levels 2
     * and 3 (the pillars and the sub-indexes: cityeval's levels 2 and 1, counted from the root), arithmetic or
     * geometric means; N = 1000 Saltelli rows, so 1000 × (5 + 2) = 7000 model runs.
     */
    static UncertaintySpec task(int n, int threads) {
        return task(n, threads, "coinr");
    }

    /**
     * @param choices {@code coinr}: the vignette's alternatives (min-max or rank, arithmetic or geometric means);
     *                {@code model}: the same task with the model's own pipeline as the first alternative of each
     *                (its leaves' scoring rules or rank, its nodes' aggregation rules or geometric means), so that
     *                the nominal ranking is {@code evaluate}'s
     */
    static UncertaintySpec task(int n, int threads, String choices) {
        boolean own = switch (choices) {
            case "coinr" -> false;
            case "model" -> true;
            default -> throw new IllegalArgumentException("choices: coinr or model, not '" + choices + "'");
        };
        return new UncertaintySpec(n, 20240601L, threads, Map.of(2, 0.25, 1, 0.25),
                List.of(own ? "model" : "min-max", "rank"), List.of(own ? "model" : "arithmetic", "geometric"),
                List.of(1, 2, 3, 4, 5), true);
    }
}

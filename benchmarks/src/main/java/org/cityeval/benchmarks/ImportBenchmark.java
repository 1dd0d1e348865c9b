package org.cityeval.benchmarks;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.spi.DatasetImporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Importing 10,000 cities × 100 variables × 5 years (50,000 rows, 5 million cells) from a wide CSV, with
 * the importer the runtime uses (the {@code cityeval.importer=csv} {@link DatasetImporter} service of an
 * embedded framework with the real bundles, {@link CityevalFramework}), in a JVM limited to a 256 MB heap:
 * a run that needed more would fail.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = { "-Xmx256m", "-Xms256m" })
public class ImportBenchmark {
    static final int UNITS = 10_000;
    static final int VARIABLES = 100;
    static final int YEARS = 5;
    private Path file;
    private SyntheticCities registry;
    private CityevalFramework runtime;
    private DatasetImporter importer;

    @Setup
    public void setUp() throws Exception {
        file = SyntheticCities.writeWide(Files.createTempFile("cityeval-import", ".csv"), UNITS, VARIABLES, YEARS);
        registry = new SyntheticCities(UNITS);
        runtime = CityevalFramework.start();
        importer = ImportOnce.csvImporter(runtime);
    }

    @TearDown
    public void tearDown() throws Exception {
        runtime.close();
        Files.deleteIfExists(file);
    }

    @Benchmark
    public CityDataset importWideCsv() throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return importer.read("bench.csv", in, registry);
        }
    }
}

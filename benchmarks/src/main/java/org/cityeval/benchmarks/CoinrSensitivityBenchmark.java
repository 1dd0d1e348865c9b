package org.cityeval.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cityeval.api.analysis.UncertaintyAnalysis;
import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.analysis.UncertaintySpec;
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
 * COINr's sensitivity analysis of its ASEM example, the task COINr 1.1.14 takes 755 s for in-process on this
 * kind of machine (shared/benchmarks/coinr): N = 1000, five uncertain inputs (winsorisation limit, normalisation, level-2 and level-3 weights,
 * aggregation), 7000 model runs, Sobol indices of the mean absolute rank change and of every unit's rank.
 * One invocation is the whole analysis as the service runs it — compiling the model and the data, the
 * treatments and normalisations, the 7000 runs, the estimators and the rank bands — on a model and dataset
 * read once in the setup. The analysis is the {@link UncertaintyAnalysis} service of an embedded framework
 * with the real bundles ({@link CityevalFramework}), as the command line calls it; the model and data come
 * from the COINr {@code ModelFormat} service and the model catalog. {@code threads} 0 is one per core.
 * {@code choices}: {@code coinr}, the vignette's alternatives; {@code model}, the model's own pipeline (scoring
 * and aggregation rules, missing-data policy, precision) in place of min-max and arithmetic means.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class CoinrSensitivityBenchmark {
    @Param({ "" })
    public String dir;

    @Param({ "0", "1" })
    public int threads;

    @Param({ "coinr", "model" })
    public String choices;

    private CityevalFramework runtime;
    private UncertaintyAnalysis analysis;
    private CoinrAsem asem;
    private UncertaintySpec spec;

    @Setup
    public void setUp() throws Exception {
        runtime = CityevalFramework.start();
        analysis = runtime.service(UncertaintyAnalysis.class);
        asem = CoinrAsem.read(runtime, dir);
        spec = CoinrAsem.task(1000, threads, choices);
    }

    @TearDown
    public void tearDown() throws Exception {
        runtime.close();
    }

    @Benchmark
    public UncertaintyResult coinrAsemSobol() throws Exception {
        return analysis.run(List.of(asem.model), asem.data, spec, null);
    }
}

package org.cityeval.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.result.PanelResult;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.PanelOptions;

/**
 * {@link PanelBenchmark}'s task (the five seed models, each as a panel over 2,800 synthetic units × 5 years) as a
 * whole process, for scripts/bench-panel.sh: the memory one invocation needs. Prints each invocation's wall time
 * and the process's CPU time during it (the first ones with a cold JIT), then the peak heap (all heap pools' peaks, reset after the framework has
 * started and the data are built), and what the five panel results keep after a full GC (minus what the framework
 * and the data held before). Run it with a heap limit (-Xmx) to show the invocation fits in it. Usage:
 * {@code java -Xmx256m -cp benchmarks.jar org.cityeval.benchmarks.PanelOnce [RUNS [year|panel]]}.
 */
public final class PanelOnce {
    private PanelOnce() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String normalise = args.length > 1 ? args[1] : "panel";
        try (CityevalFramework runtime = CityevalFramework.start()) {
            Evaluator evaluator = runtime.service(Evaluator.class);
            ModelCatalog catalog = runtime.service(ModelCatalog.class);
            List<EvaluationModel> models = new ArrayList<>();
            List<CityDataset> data = new ArrayList<>();
            for (String id : PanelBenchmark.MODELS) {
                LoadedModel m = catalog.find(id).orElseThrow(() -> new IllegalStateException(id + " did not load"));
                models.add(m.model());
                data.add(PanelBenchmark.dataset(m.model()));
            }
            EvaluationOptions options = new EvaluationOptions(null, null, null, false, 0.0);
            PanelOptions panel = new PanelOptions(List.of(), normalise, null);
            long before = usedAfterGc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            List<PanelResult> results = null;
            for (int run = 1; run <= runs; run++) {
                results = null;
                long c0 = cpu();
                long t0 = System.nanoTime();
                List<PanelResult> out = new ArrayList<>(models.size());
                for (int i = 0; i < models.size(); i++) {
                    out.add(evaluator.evaluatePanel(models.get(i), data.get(i), options, panel));
                }
                long t1 = System.nanoTime();
                long c1 = cpu();
                results = out;
                System.out.printf("run %d: %d ms wall, %d ms CPU (the whole process's: GC and JIT threads too)%n", run,
                        (t1 - t0) / 1_000_000, (c1 - c0) / 1_000_000);
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            long retained = usedAfterGc() - before;
            int cities = 0;
            for (PanelResult r : results) {
                cities += r.cities().size();
            }
            Reference.reachabilityFence(results);
            System.out.printf("normalise %s, %d panel cities, framework and data %d MiB after GC, peak heap %d MiB, "
                    + "five panel results retained %d MiB%n", normalise, cities, before >> 20, peak >> 20, retained >> 20);
        }
    }

    /** The process's CPU time in ns, which a busy machine inflates far less than wall time. */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedAfterGc() {
        System.gc();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}

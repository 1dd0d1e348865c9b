package org.cityeval.benchmarks;

import java.util.List;
import java.util.Locale;

import org.cityeval.api.analysis.UncertaintyAnalysis;
import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.analysis.UncertaintyResult.RankBand;
import org.cityeval.api.analysis.UncertaintyResult.Sensitivity;

/**
 * COINr's ASEM sensitivity task as one whole process, what a user's command does: start the framework with
 * the real bundles ({@link CityevalFramework}), read iMeta and iData from disk, make the model (the COINr
 * format and the model catalog's descriptor check), run the N = 1000 Sobol analysis through the
 * {@link UncertaintyAnalysis} service, print the top of the result. For scripts/bench-coinr.sh, which times the process. Usage:
 * {@code java -cp benchmarks.jar org.cityeval.benchmarks.CoinrSensitivityOnce [DIR [N [THREADS [coinr|model]]]]}.
 */
public final class CoinrSensitivityOnce {
    private CoinrSensitivityOnce() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        String dir = args.length > 0 ? args[0] : "";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        String choices = args.length > 3 ? args[3] : "coinr";
        try (CityevalFramework runtime = CityevalFramework.start()) {
            UncertaintyAnalysis analysis = runtime.service(UncertaintyAnalysis.class);
            long tf = System.nanoTime();
            CoinrAsem asem = CoinrAsem.read(runtime, dir);
            long t1 = System.nanoTime();
            UncertaintyResult r = analysis.run(List.of(asem.model), asem.data, CoinrAsem.task(n, threads, choices), null);
            long t2 = System.nanoTime();
            print(r);
            System.out.printf(Locale.ROOT, "framework %.3f s, read + model %.3f s, analysis %.3f s, main %.3f s%n",
                    (tf - t0) / 1e9, (t1 - tf) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static void print(UncertaintyResult r) {
        System.out.printf(Locale.ROOT, "%s: %d units, N = %d, seed %d%n", String.join(", ", r.models()),
                r.cities().size(), r.replications(), r.seed());
        System.out.println("Sobol indices of the mean absolute rank change:");
        for (Sensitivity s : r.sensitivity()) {
            System.out.printf(Locale.ROOT, "  %-16s S_i %7.4f   S_Ti %7.4f%n", s.choice(), s.first(), s.total());
        }
        System.out.println("Top 10 by nominal rank: median [5%, 95%]");
        for (RankBand b : r.cities().subList(0, Math.min(10, r.cities().size()))) {
            System.out.printf(Locale.ROOT, "  %2d %-4s %-16s %4.1f [%4.1f, %4.1f]%n", b.nominal(), b.adcode(), b.name(),
                    b.median(), b.p5(), b.p95());
        }
        for (String note : r.notes().subList(0, 3)) {
            System.out.println("  " + note);
        }
    }
}

package org.cityeval.benchmarks;

import java.util.List;
import java.util.Locale;

import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.analysis.UncertaintyResult.RankBand;
import org.cityeval.api.analysis.UncertaintyResult.Sensitivity;
import org.cityeval.engine.internal.uncertainty.UncertaintyComponent;

/**
 * COINr's ASEM sensitivity task as one whole process, what a user's command does: read iMeta and iData from
 * disk, make the model (COINr format, descriptor parser), run the N = 1000 Sobol analysis, print the top of
 * the result. For scripts/bench-coinr.sh, which times the process. Usage:
 * {@code java -cp benchmarks.jar org.cityeval.benchmarks.CoinrSensitivityOnce [DIR [N [THREADS]]]}.
 */
public final class CoinrSensitivityOnce {
    private CoinrSensitivityOnce() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        String dir = args.length > 0 ? args[0] : "";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        CoinrAsem asem = CoinrAsem.read(dir);
        long t1 = System.nanoTime();
        UncertaintyResult r = new UncertaintyComponent().run(List.of(asem.model), asem.data, CoinrAsem.task(n, threads),
                null);
        long t2 = System.nanoTime();
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
        System.out.printf(Locale.ROOT, "read + model %.3f s, analysis %.3f s, main %.3f s%n", (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, (System.nanoTime() - t0) / 1e9);
    }
}

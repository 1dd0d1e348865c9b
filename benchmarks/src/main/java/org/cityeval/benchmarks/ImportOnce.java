package org.cityeval.benchmarks;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cityeval.api.data.CityDataset;
import org.cityeval.io.internal.CsvDatasetImporter;

/**
 * One import as a whole process, for scripts/bench-import.sh: prints the import's wall time, the peak heap
 * the JVM used (all heap pools' peaks) and the heap the dataset keeps after a full GC. Usage:
 * {@code java -Xmx256m -cp benchmarks.jar org.cityeval.benchmarks.ImportOnce FILE UNITS}.
 */
public final class ImportOnce {
    private ImportOnce() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        SyntheticCities registry = new SyntheticCities(Integer.parseInt(args[1]));
        long t0 = System.nanoTime();
        CityDataset data;
        try (InputStream in = Files.newInputStream(file)) {
            data = new CsvDatasetImporter().read(file.getFileName().toString(), in, registry);
        }
        long t1 = System.nanoTime();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long retained = rt.totalMemory() - rt.freeMemory();
        System.out.printf("records %d, values per record %d, import %.3f s, peak heap %d MiB, retained %d MiB%n",
                data.records().size(), data.valueColumns().size(), (t1 - t0) / 1e9, peak >> 20, retained >> 20);
    }
}

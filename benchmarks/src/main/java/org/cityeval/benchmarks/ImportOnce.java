package org.cityeval.benchmarks;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.spi.DatasetImporter;

/**
 * One import as a whole process, for scripts/bench-import.sh: prints the import's wall time, the peak heap
 * the JVM used (all heap pools' peaks) and the heap the dataset keeps after a full GC. The importer is the
 * runtime's CSV {@link DatasetImporter} service in an embedded framework ({@link CityevalFramework}); the
 * framework is started before the measurement, the heap pools' peaks are reset after it, and what it holds
 * itself (after a full GC, before the import) is subtracted from "retained". Usage:
 * {@code java -Xmx256m -cp benchmarks.jar org.cityeval.benchmarks.ImportOnce FILE UNITS}.
 */
public final class ImportOnce {
    private ImportOnce() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        SyntheticCities registry = new SyntheticCities(Integer.parseInt(args[1]));
        try (CityevalFramework runtime = CityevalFramework.start()) {
            DatasetImporter importer = csvImporter(runtime);
            long before = usedAfterGc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            long t0 = System.nanoTime();
            CityDataset data;
            try (InputStream in = Files.newInputStream(file)) {
                data = importer.read(file.getFileName().toString(), in, registry);
            }
            long t1 = System.nanoTime();
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            long retained = usedAfterGc() - before;
            System.out.printf("records %d, values per record %d, import %.3f s, peak heap %d MiB, retained %d MiB%n",
                    data.records().size(), data.valueColumns().size(), (t1 - t0) / 1e9, peak >> 20, retained >> 20);
        }
    }

    /** The runtime's CSV importer, by its service property. */
    static DatasetImporter csvImporter(CityevalFramework runtime) throws InterruptedException {
        return runtime.service(DatasetImporter.class, "(cityeval.importer=csv)");
    }

    private static long usedAfterGc() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}

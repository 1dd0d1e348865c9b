package org.cityeval.benchmarks;

import java.nio.file.Path;

/** Writes the benchmark's CSV: {@code WriteInput FILE UNITS VARIABLES YEARS}. */
public final class WriteInput {
    private WriteInput() {
    }

    public static void main(String[] args) throws Exception {
        SyntheticCities.writeWide(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]));
    }
}

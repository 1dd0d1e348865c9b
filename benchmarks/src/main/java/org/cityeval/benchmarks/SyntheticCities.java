package org.cityeval.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityRegistry;
import org.cityeval.api.data.CityResolutionException;

/**
 * The benchmark's input: N synthetic units (the registry has 337 real cities, the benchmark asks for
 * 10,000) with adcode-like keys, and a wide CSV of them: {@code adcode,year,v001..vNNN}, values with one to
 * four decimals as statistical tables print them, a few percent of cells missing. Seeded: every run reads
 * the same bytes.
 */
final class SyntheticCities implements CityRegistry {
    private final Map<String, City> byKey = new HashMap<>();
    private final List<City> all = new ArrayList<>();

    SyntheticCities(int units) {
        for (int i = 0; i < units; i++) {
            String code = String.format("%06d", 100000 + i);
            City c = new City(code, "城市" + i, "城" + i, "城市" + i, "Chengshi" + i, "100000", "省", "省", "prefecture_city",
                    false, false, false);
            byKey.put(code, c);
            all.add(c);
        }
    }

    static Path writeWide(Path file, int units, int variables, int years) throws IOException {
        SplittableRandom random = new SplittableRandom(20261121L);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("adcode,year");
            for (int v = 1; v <= variables; v++) {
                header.append(String.format(",v%03d", v));
            }
            w.write(header.append('\n').toString());
            StringBuilder row = new StringBuilder();
            for (int u = 0; u < units; u++) {
                for (int y = 0; y < years; y++) {
                    row.setLength(0);
                    row.append(100000 + u).append(',').append(2019 + y);
                    for (int v = 0; v < variables; v++) {
                        row.append(',');
                        if (random.nextInt(100) >= 3) {
                            long scaled = random.nextLong(1, 100_000_000L);
                            int decimals = 1 + random.nextInt(4);
                            row.append(java.math.BigDecimal.valueOf(scaled, decimals).toPlainString());
                        }
                    }
                    w.write(row.append('\n').toString());
                }
            }
        }
        return file;
    }

    @Override
    public List<City> cities() {
        return all;
    }

    @Override
    public Optional<City> byAdcode(String adcode) {
        return Optional.ofNullable(byKey.get(adcode));
    }

    @Override
    public City resolve(String key) throws CityResolutionException {
        City c = byKey.get(key);
        if (c == null) {
            throw new CityResolutionException(key, List.of());
        }
        return c;
    }

    @Override
    public City resolve(String key, String province) throws CityResolutionException {
        return resolve(key);
    }
}

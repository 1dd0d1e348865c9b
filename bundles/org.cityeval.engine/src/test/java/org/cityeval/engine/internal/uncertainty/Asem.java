package org.cityeval.engine.internal.uncertainty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.model.Direction;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.model.LocalizedText;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.model.RuleRef;
import org.cityeval.api.model.Scale;
import org.cityeval.api.model.Weight;
import org.cityeval.api.spi.AggregationRule;
import org.cityeval.api.spi.GroupingRule;
import org.cityeval.engine.internal.RuleLookup;
import org.cityeval.api.spi.ScoringRule;
import org.cityeval.api.spi.TierRule;
import org.cityeval.engine.internal.BuiltInRules;

/**
 * COINr's ASEM example (51 countries, 49 indicators, four levels) as a cityeval model and dataset, read
 * straight from the two CSV files the COINr bundle's tests use (the engine cannot depend on that bundle,
 * which depends on the engine). The model is what {@code CoinrFormat} makes of them: root {@code total} of
 * 100 points, a node's points = its parent's × its iMeta Weight ÷ its siblings' Weights, leaves scored by
 * min-max, inner nodes by weighted-sum, missing data renormalised.
 */
final class Asem {
    static final Path DIR = Path.of("../org.cityeval.coinr/src/test/resources/coinr-asem");

    private Asem() {
    }

    static EvaluationModel model() throws IOException {
        List<Map<String, String>> meta = rows(DIR.resolve("asem_iMeta.csv"));
        Map<String, List<Map<String, String>>> children = new LinkedHashMap<>();
        Map<String, String> index = null;
        for (Map<String, String> r : meta) {
            String type = r.get("Type");
            if (!type.equals("Indicator") && !type.equals("Aggregate")) {
                continue;
            }
            if (r.get("Parent").equals("NA")) {
                index = r;
            } else {
                children.computeIfAbsent(r.get("Parent"), k -> new ArrayList<>()).add(r);
            }
        }
        Indicator root = node(index, EvaluationModel.ROOT_ID, 0, 100, children);
        return new EvaluationModel("coinr-asem", new LocalizedText(null, "ASEM"), new LocalizedText(null, "test"), null,
                2018, new Scale("points", 100, 2), root, null, List.of(), null, List.of(),
                new MissingData("renormalise", null, null));
    }

    private static Indicator node(Map<String, String> row, String id, int level, double points,
            Map<String, List<Map<String, String>>> children) {
        List<Map<String, String>> kids = children.getOrDefault(row.get("iCode"), List.of());
        double sum = kids.stream().mapToDouble(k -> Double.parseDouble(k.get("Weight"))).sum();
        List<Indicator> built = new ArrayList<>();
        for (Map<String, String> k : kids) {
            built.add(node(k, k.get("iCode"), level + 1, points * Double.parseDouble(k.get("Weight")) / sum, children));
        }
        boolean leaf = built.isEmpty();
        Direction d = "-1".equals(row.get("Direction")) ? Direction.NEGATIVE : Direction.POSITIVE;
        return new Indicator(id, new LocalizedText(null, row.get("iName")), level,
                new Weight(points, Provenance.PUBLISHED, null), d, null,
                leaf ? new RuleRef("min-max", Map.of()) : null, leaf ? null : new RuleRef("weighted-sum", Map.of()),
                null, built);
    }

    static CityDataset data() throws IOException {
        List<Map<String, String>> meta = rows(DIR.resolve("asem_iMeta.csv"));
        List<String> indicators = meta.stream().filter(r -> r.get("Type").equals("Indicator")).map(r -> r.get("iCode"))
                .toList();
        List<Map<String, String>> data = rows(DIR.resolve("asem_iData.csv"));
        List<CityRecord> records = new ArrayList<>();
        long row = 2;
        for (Map<String, String> u : data) {
            Map<String, Double> values = new HashMap<>();
            for (String i : indicators) {
                String cell = u.get(i);
                if (cell != null && !cell.isEmpty() && !cell.equals("NA")) {
                    values.put(i, Double.parseDouble(cell));
                }
            }
            City city = new City(u.get("uCode"), u.get("uName"), u.get("uCode"), null, null, null, null, null, null,
                    false, false, false);
            records.add(new CityRecord(city, row++, Integer.valueOf(u.get("Time")), values, Map.of()));
        }
        return new CityDataset("asem_iData.csv", indicators, records);
    }

    /** A CSV file with a header, quoted fields (with commas and doubled quotes) allowed. */
    /**
     * The built-in rules plus a plug-in grouping rule {@code gdp-group}: each unit's GDP_group of the ASEM iData, as
     * COINr's {@code Impute(use_group = "GDP_group")} groups.
     */
    static RuleLookup rulesWithGdpGroup() throws IOException {
        Map<String, String> gdpGroup = new HashMap<>();
        for (Map<String, String> r : rows(DIR.resolve("asem_iData.csv"))) {
            gdpGroup.put(r.get("uCode"), r.get("GDP_group"));
        }
        GroupingRule byGdp = city -> List.of(gdpGroup.get(city.adcode()));
        return new RuleLookup() {
            @Override
            public ScoringRule scoring(String name) {
                return BuiltInRules.INSTANCE.scoring(name);
            }

            @Override
            public AggregationRule aggregation(String name) {
                return BuiltInRules.INSTANCE.aggregation(name);
            }

            @Override
            public TierRule tier(String name) {
                return BuiltInRules.INSTANCE.tier(name);
            }

            @Override
            public GroupingRule grouping(String name) {
                return name.equals("gdp-group") ? byGdp : BuiltInRules.INSTANCE.grouping(name);
            }

            @Override
            public java.util.Set<String> groupings() {
                java.util.Set<String> all = new java.util.TreeSet<>(BuiltInRules.INSTANCE.groupings());
                all.add("gdp-group");
                return all;
            }
        };
    }

    static List<Map<String, String>> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = fields(lines.get(0));
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = fields(line);
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), i < f.size() ? f.get(i) : "");
            }
            out.add(m);
        }
        return out;
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    sb.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out;
    }
}

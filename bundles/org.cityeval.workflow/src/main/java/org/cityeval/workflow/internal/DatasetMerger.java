package org.cityeval.workflow.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityeval.api.data.City;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.SourceConflict;
import org.cityeval.api.data.ValueSource;
import org.cityeval.api.data.ValueSources;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.WorkflowException;

/**
 * Merges datasets read from several inputs into one, the first input winning (see
 * {@link org.cityeval.api.workflow.DatasetMerging}): records are keyed by city and year, in the order they first
 * appear; a value comes from the first input that has it; a later input's differing value beyond the tolerance is a
 * {@link SourceConflict}. Every value keeps its {@link ValueSource}, with the input it came from.
 */
final class DatasetMerger {
    private DatasetMerger() {
    }

    /** A merged record while it is assembled: its values and, by column, which input's record gave each. */
    private static final class Merged {
        final City city;
        final Integer year;
        final long row;
        final Map<String, Double> values = new LinkedHashMap<>();
        final Map<String, String> attributes = new LinkedHashMap<>();
        final Map<String, int[]> from = new HashMap<>(); // column -> {input, record}

        Merged(City city, Integer year, long row) {
            this.city = city;
            this.year = year;
            this.row = row;
        }
    }

    /**
     * @param inputs    the datasets, in precedence order
     * @param names     how the user named each input ({@code form.xlsx}, {@code pack:china-cities})
     * @param tolerance relative difference above which two values conflict
     */
    static CityDataset merge(List<CityDataset> inputs, List<String> names, double tolerance) {
        if (!(tolerance >= 0)) {
            throw WorkflowException.invalid("the merge tolerance must be 0 or more, not " + tolerance);
        }
        checkYears(inputs, names);
        List<String> columns = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        for (CityDataset d : inputs) {
            for (String c : d.valueColumns()) {
                if (!columns.contains(c)) {
                    columns.add(c);
                    Integer at = d.columns().get(c);
                    if (at != null) {
                        positions.put(c, at);
                    }
                }
            }
        }
        Map<String, Merged> merged = new LinkedHashMap<>();
        List<SourceConflict> conflicts = new ArrayList<>();
        for (int d = 0; d < inputs.size(); d++) {
            List<CityRecord> records = inputs.get(d).records();
            for (int r = 0; r < records.size(); r++) {
                CityRecord record = records.get(r);
                Merged m = merged.computeIfAbsent(record.city().adcode() + "/" + record.year(),
                        k -> new Merged(record.city(), record.year(), record.row()));
                for (Map.Entry<String, Double> e : record.values().entrySet()) {
                    Double kept = m.values.get(e.getKey());
                    if (kept == null) {
                        m.values.put(e.getKey(), e.getValue());
                        m.from.put(e.getKey(), new int[] { d, r });
                    } else {
                        double other = e.getValue();
                        double larger = Math.max(Math.abs(kept), Math.abs(other));
                        if (larger > 0 && Math.abs(kept - other) / larger > tolerance) {
                            int[] w = m.from.get(e.getKey());
                            conflicts.add(new SourceConflict(m.city, m.year, e.getKey(), kept,
                                    source(inputs, names, w[0], w[1], e.getKey()), other,
                                    source(inputs, names, d, r, e.getKey())));
                        }
                    }
                }
                record.attributes().forEach(m.attributes::putIfAbsent);
            }
        }
        List<CityRecord> records = new ArrayList<>(merged.size());
        ValueSources.Builder sources = ValueSources.builder(columns.size(), names.get(0), null, null).notesComplete();
        Map<String, Integer> columnIndex = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            columnIndex.put(columns.get(c), c);
        }
        for (Merged m : merged.values()) {
            int ri = records.size();
            for (Map.Entry<String, int[]> e : m.from.entrySet()) {
                ValueSource vs = source(inputs, names, e.getValue()[0], e.getValue()[1], e.getKey());
                int c = columnIndex.get(e.getKey());
                int origin = sources.origin(vs.input(), vs.file(), vs.sheet());
                sources.at(ri, c, origin, vs.row(), vs.column());
                sources.note(ri, c, vs.note());
            }
            records.add(new CityRecord(m.city, m.row, m.year, m.values, m.attributes));
        }
        for (SourceConflict c : conflicts) {
            sources.conflict(c);
        }
        return new CityDataset(String.join(DataSource.MERGE_SEPARATOR, names), columns, records, positions,
                sources.build());
    }

    /**
     * A result on merged data says so, and how many values of later sources were set aside: the conflicts
     * themselves are the quality report's and the provenance's to show.
     */
    static org.cityeval.api.result.EvaluationResult said(org.cityeval.api.result.EvaluationResult r, CityDataset data) {
        List<String> inputs = data.sources().inputs();
        if (inputs.size() < 2) {
            return r;
        }
        String said = "data merged from " + String.join(" + ", inputs) + ", the first source winning: "
                + data.sources().conflicts().size() + " value(s) of later sources set aside as they differ by more than"
                + " 5% (cityeval quality lists them; cityeval provenance shows where a value came from)";
        List<String> warnings = new ArrayList<>(r.warnings());
        warnings.add(said);
        List<org.cityeval.api.result.Message> messages = new ArrayList<>(r.messages());
        messages.add(org.cityeval.api.result.MessageCatalogue.of(said));
        return new org.cityeval.api.result.EvaluationResult(r.model(), r.cities(), r.tiers(), r.groups(),
                r.statistics(), r.checks(), warnings, r.treated(), messages);
    }

    private static ValueSource source(List<CityDataset> inputs, List<String> names, int d, int r, String column) {
        Optional<ValueSource> s = inputs.get(d).source(r, column);
        ValueSource vs = s.orElseGet(() -> new ValueSource(names.get(d), inputs.get(d).source(), null,
                inputs.get(d).records().get(r).row(), 0, null));
        // a dataset read from one input names itself; one merged earlier keeps the inputs it named
        return vs.input() == null || vs.input().equals(inputs.get(d).source()) ? vs.withInput(names.get(d)) : vs;
    }

    /** Data with years and data without cannot be matched record by record: say which input lacks the years. */
    private static void checkYears(List<CityDataset> inputs, List<String> names) {
        int withYears = -1;
        int without = -1;
        for (int d = 0; d < inputs.size(); d++) {
            boolean years = inputs.get(d).records().stream().anyMatch(r -> r.year() != null);
            if (years && withYears < 0) {
                withYears = d;
            }
            if (!years && without < 0) {
                without = d;
            }
        }
        if (withYears >= 0 && without >= 0) {
            throw WorkflowException.invalid("cannot merge " + names.get(without) + " (no year column) with "
                    + names.get(withYears) + " (values by year): add a 'year' column to " + names.get(without)
                    + " so that its values meet the same city and year");
        }
    }
}

package org.cityeval.report.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.cityeval.api.data.CityDataset;
import org.cityeval.api.data.CityRecord;
import org.cityeval.api.data.SourceConflict;
import org.cityeval.api.data.ValueSource;
import org.cityeval.api.model.Indicator;
import org.cityeval.api.result.CityResult;
import org.cityeval.api.service.ReportWriter.Evaluated;
import org.cityeval.api.service.ReportWriter.Report;

/**
 * The workbook's {@code Sources} sheet: for each model, city of its result and leaf, each data value the leaf reads
 * (its own column, or its binding's variables) with the input, file, sheet, row, cell and note it came from, and
 * the values of later inputs set aside (a merge's conflicts). The city's record is the one of the result's data year.
 */
final class XlsxSources {
    private XlsxSources() {
    }

    static void write(XlsxWriter.Sheet sheet, Report report) {
        CityDataset data = report.data();
        sheet.header("Model", "City", "Adcode", "Year", "Leaf", "Column", "Value", "Input", "File", "Sheet", "Row", "Cell",
                "Source / note", "Set aside");
        Map<String, Integer> index = new HashMap<>();
        for (int r = 0; r < data.records().size(); r++) {
            CityRecord record = data.records().get(r);
            index.putIfAbsent(record.city().adcode() + "/" + record.year(), r);
        }
        for (Evaluated e : report.evaluations()) {
            if (e.result() == null || e.result().cities() == null) {
                continue;
            }
            Integer year = e.result().model() == null ? null : e.result().model().dataYear();
            List<Indicator> leaves = leaves(e.model().root(), new ArrayList<>());
            for (CityResult c : e.result().cities()) {
                Integer r = index.get(c.adcode() + "/" + year);
                if (r == null) {
                    continue;
                }
                CityRecord record = data.records().get(r);
                for (Indicator leaf : leaves) {
                    for (String column : columns(data, leaf)) {
                        ValueSource s = data.source(r, column).orElse(null);
                        if (s == null) {
                            continue;
                        }
                        List<String> aside = new ArrayList<>();
                        for (SourceConflict x : data.sources().conflicts(record.city(), record.year(), column)) {
                            aside.add(x.from().input() + ": " + x.other() + " (" + x.from().position() + ")");
                        }
                        sheet.row(XlsxReport.modelId(e), c.name(), c.adcode(), record.year(), leaf.id(), column,
                                record.values().get(column), s.input(), s.file(), s.sheet(), s.row() > 0 ? s.row() : null,
                                s.column() > 0 ? ValueSource.cell(s.column(), s.row()) : null, s.note(),
                                aside.isEmpty() ? null : String.join("; ", aside));
                    }
                }
            }
        }
    }

    private static List<String> columns(CityDataset data, Indicator leaf) {
        if (data.valueColumns().contains(leaf.id()) || leaf.binding() == null) {
            return List.of(leaf.id());
        }
        return leaf.binding().variables().stream().filter(Objects::nonNull).toList();
    }

    private static List<Indicator> leaves(Indicator n, List<Indicator> out) {
        if (n.leaf()) {
            out.add(n);
        }
        for (Indicator c : n.children()) {
            leaves(c, out);
        }
        return out;
    }
}

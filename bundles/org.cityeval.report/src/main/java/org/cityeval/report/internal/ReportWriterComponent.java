package org.cityeval.report.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.cityeval.api.service.ReportWriter;
import org.osgi.service.component.annotations.Component;

/**
 * Writes reports: {@code html} — one self-contained file with ECharts, the map, the data and the charts
 * inline, opening offline — and {@code xlsx} — a workbook written with the JDK alone (a sheet per tree level,
 * the ranking, tiers, groups, and the comparison and uncertainty when given). See {@link HtmlReport} and
 * {@link XlsxReport} for the layouts.
 */
@Component(service = ReportWriter.class, property = { "cityeval.report.format=html", "cityeval.report.format=xlsx" })
public class ReportWriterComponent implements ReportWriter {
    private static final List<String> FORMATS = List.of("html", "xlsx");

    @Override
    public List<String> formats() {
        return FORMATS;
    }

    @Override
    public byte[] writeStages(StagesWorkbook workbook) throws IOException {
        if (workbook == null || workbook.stages() == null) {
            throw new IllegalArgumentException("no intermediate datasets to write");
        }
        return XlsxStages.write(workbook);
    }

    @Override
    public byte[] write(String format, Report report) throws IOException {
        if (report == null) {
            throw new IllegalArgumentException("no report to write");
        }
        String f = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
        return switch (f) {
        case "html" -> HtmlReport.write(report);
        case "xlsx" -> XlsxReport.write(report);
        default -> throw new IllegalArgumentException("unknown report format '" + format + "': use one of " + FORMATS);
        };
    }
}

package org.cityeval.report.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityeval.api.analysis.PipelineStages;
import org.cityeval.api.service.ReportWriter.StagesWorkbook;

/**
 * The intermediate datasets of one evaluation as a workbook. Sheets, in order:
 * <ol>
 * <li>{@code README}: the model, the data, the run's options, the units and nodes, then each stage with what it
 * holds;</li>
 * <li>one sheet per stage in pipeline order, named as the stage ({@code raw}, {@code imputed}, {@code treated}
 * when the run treats outliers, {@code scored}, {@code aggregated}): {@code adcode, name, province} then a column
 * per node the stage gives, in tree order, a row per unit in the data's order — the CSV export's layout, so a
 * sheet and its CSV hold the same values (an empty cell where the stage has none).</li>
 * </ol>
 */
final class XlsxStages {
    private XlsxStages() {
    }

    static byte[] write(StagesWorkbook w) throws IOException {
        PipelineStages s = w.stages();
        XlsxWriter book = new XlsxWriter("cityeval · " + s.model() + " · intermediate datasets");
        XlsxWriter.Sheet readme = book.sheet("README").header("cityeval — intermediate datasets of one evaluation", "");
        readme.row("Model", s.model() + (w.title() == null ? "" : " — " + w.title()));
        readme.row("Data", w.dataSource());
        for (Map.Entry<String, String> o : w.options().entrySet()) {
            readme.row(o.getKey(), o.getValue());
        }
        readme.row("Units", s.units().size());
        readme.row("Nodes", s.nodes().size());
        readme.blank().title("Sheet", "What it holds (a row per unit in the data's order, a column per node)");
        for (PipelineStages.Stage stage : s.stages()) {
            readme.row(stage.name(), stage.description());
        }
        for (PipelineStages.Stage stage : s.stages()) {
            List<String> ids = s.nodes().stream().map(PipelineStages.Node::id).filter(stage.values()::containsKey)
                    .toList();
            List<Object> header = new ArrayList<>(List.of("adcode", "name", "province"));
            header.addAll(ids);
            XlsxWriter.Sheet sheet = book.sheet(stage.name()).header(header.toArray());
            for (int u = 0; u < s.units().size(); u++) {
                PipelineStages.Unit unit = s.units().get(u);
                List<Object> row = new ArrayList<>(java.util.Arrays.asList(unit.adcode(), unit.name()));
                row.add(unit.province());
                for (String id : ids) {
                    row.add(stage.values().get(id).get(u));
                }
                sheet.row(row);
            }
        }
        return book.toBytes();
    }
}

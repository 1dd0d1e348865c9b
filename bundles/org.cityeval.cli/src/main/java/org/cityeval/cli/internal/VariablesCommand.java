package org.cityeval.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.cityeval.api.workflow.CatalogueVariable;
import org.cityeval.api.workflow.OutputFormat;
import org.cityeval.api.workflow.VariablesWorkflow;
import org.cityeval.api.workflow.WorkflowException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cityeval variables}: the catalogue variables a model's leaves can bind to, with labels, units, the
 * years a pack has values in and its coverage. The listing is {@link VariablesWorkflow}'s; this only formats.
 */
@Command(name = "variables", description = "Lists the catalogue variables a leaf's \"binding\" can name: id, "
        + "Chinese and English name, unit, the years a data pack has values in, and how many of its cities have one.")
final class VariablesCommand implements Callable<Integer> {
    private final Supplier<VariablesWorkflow> workflow;

    @Option(names = "--pack", paramLabel = "ID", description = "one data pack (default: every installed pack, "
            + "then the variables no pack carries)")
    String pack;
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = Cli.TableCsvOrJson.class,
            description = "table, csv or json")
    OutputFormat format;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** @param workflow the service, read when the command runs ({@code null}: not in this runtime) */
    VariablesCommand(Supplier<VariablesWorkflow> workflow) {
        this.workflow = workflow;
    }

    @Override
    public Integer call() throws Exception {
        VariablesWorkflow w = workflow.get();
        if (w == null) {
            throw WorkflowException.unavailable("the variables workflow (bundle org.cityeval.workflow) is");
        }
        List<CatalogueVariable> vars = w.variables(pack);
        String text = switch (format) {
            case JSON -> Json.write(vars);
            case CSV -> csv(vars);
            default -> table(vars);
        };
        Cli.emit(text, null, spec.commandLine().getOut());
        return Cli.OK;
    }

    static String table(List<CatalogueVariable> vars) {
        TextTable t = new TextTable("pack", "id", "名称", "name", "unit", "years", ">coverage (latest year)");
        for (CatalogueVariable v : vars) {
            t.row(v.pack() == null ? "—" : v.pack(), v.id(), v.variable().name().zh(), v.variable().name().en(),
                    v.variable().unit(), v.pack() == null ? "no pack" : years(v.years()), latest(v));
        }
        return t.render() + vars.size() + " variable(s); bind a leaf with \"binding\": {\"variables\": [ID]}\n";
    }

    static String csv(List<CatalogueVariable> vars) {
        StringBuilder sb = new StringBuilder("pack,id,name_zh,name_en,unit,polarity,bounds,years,latest_year,cities,with_value\n");
        for (CatalogueVariable v : vars) {
            CatalogueVariable.YearCoverage l = v.latest();
            sb.append(Reports.csvCell(v.pack())).append(',').append(Reports.csvCell(v.id())).append(',')
                    .append(Reports.csvCell(v.variable().name().zh())).append(',')
                    .append(Reports.csvCell(v.variable().name().en())).append(',')
                    .append(Reports.csvCell(v.variable().unit())).append(',')
                    .append(v.variable().polarity() == null ? "" : v.variable().polarity().toString()).append(',')
                    .append(Reports.csvCell(v.variable().bounds())).append(',')
                    .append(Reports.csvCell(years(v.years()))).append(',')
                    .append(l == null || l.year() == null ? "" : l.year().toString()).append(',')
                    .append(l == null ? "" : Integer.toString(l.cities())).append(',')
                    .append(l == null ? "" : Integer.toString(l.values())).append('\n');
        }
        return sb.toString();
    }

    /** {@code 62/297 (20.9%) in 2020}; "—" without a value. */
    static String latest(CatalogueVariable v) {
        CatalogueVariable.YearCoverage l = v.latest();
        if (l == null) {
            return "—";
        }
        return l.values() + "/" + l.cities() + " (" + Reports.fixed(l.share() * 100, 1) + "%)"
                + (l.year() == null ? "" : " in " + l.year());
    }

    /** Consecutive years as ranges: {@code 2019-2021 2023}. */
    static String years(List<Integer> years) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < years.size()) {
            int j = i;
            while (j + 1 < years.size() && years.get(j + 1) == years.get(j) + 1) {
                j++;
            }
            parts.add(j == i ? years.get(i).toString() : years.get(i) + "-" + years.get(j));
            i = j + 1;
        }
        return String.join(" ", parts);
    }
}

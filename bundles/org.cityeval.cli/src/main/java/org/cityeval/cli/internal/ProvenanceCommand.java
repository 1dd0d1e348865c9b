package org.cityeval.cli.internal;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.cityeval.api.data.SourceConflict;
import org.cityeval.api.data.ValueSource;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.LeafProvenance;
import org.cityeval.api.workflow.OutputFormat;
import org.cityeval.api.workflow.ProvenanceWorkflow;
import org.cityeval.api.workflow.ValueOrigin;
import org.cityeval.api.workflow.WorkflowException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cityeval provenance}: where a city's leaf value came from (file, sheet, row, column, the form's note) and
 * which other sources were set aside, from {@link ProvenanceWorkflow}; this only parses and formats.
 */
@Command(name = "provenance", description = "Shows where a city's value of a leaf came from: for each data column the"
        + " leaf reads, the value, its input, file, sheet, row, column and the note its V:source column gave, and the"
        + " values of later sources set aside when several are merged (--data a.xlsx+pack:NAME, the first wins).")
final class ProvenanceCommand implements Callable<Integer> {
    private final Supplier<ProvenanceWorkflow> workflow;

    @Option(names = "--model", required = true, paramLabel = "ID", description = "model id")
    String model;
    @Option(names = "--data", required = true, paramLabel = "FILE", description = "a data file or pack:NAME; several"
            + " joined by + or given as several --data, in precedence order (the first wins)",
            converter = Cli.Sources.class)
    List<DataSource> data;
    @Option(names = "--city", required = true, paramLabel = "CITY", description = "a city's name, pinyin or adcode")
    String city;
    @Option(names = "--leaf", required = true, paramLabel = "ID", description = "a leaf's id (cityeval tree)")
    String leaf;
    @Option(names = "--year", paramLabel = "YEAR", description = "the year (default: the latest with the leaf's values)")
    Integer year;
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = Cli.TableOrJson.class,
            description = "table or json")
    OutputFormat format;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** @param workflow the service, read when the command runs ({@code null}: not in this runtime) */
    ProvenanceCommand(Supplier<ProvenanceWorkflow> workflow) {
        this.workflow = workflow;
    }

    @Override
    public Integer call() throws Exception {
        ProvenanceWorkflow w = workflow.get();
        if (w == null) {
            throw WorkflowException.unavailable("the provenance workflow (bundle org.cityeval.workflow) is");
        }
        LeafProvenance p = w.provenance(model, DataSource.merged(data), city, leaf, year);
        Cli.emit(format == OutputFormat.JSON ? Json.write(p) : table(p), null, spec.commandLine().getOut());
        return Cli.OK;
    }

    /**
     * {@code --data}: {@code pack:NAME}, a file, or several joined by {@code +} ({@code form.xlsx+pack:china-cities});
     * a file whose own name has a {@code +} is read as that file.
     */
    static DataSource parse(String value) {
        if (value.contains(DataSource.MERGE_SEPARATOR) && !exists(value)) {
            List<DataSource> parts = new ArrayList<>();
            for (String part : value.split(java.util.regex.Pattern.quote(DataSource.MERGE_SEPARATOR))) {
                if (part.isBlank()) {
                    throw new CommandLine.TypeConversionException("'" + value + "': an empty source between '+'");
                }
                parts.add(DataSource.parse(part.strip()));
            }
            return DataSource.merged(parts);
        }
        return DataSource.parse(value);
    }

    private static boolean exists(String value) {
        try {
            return !value.startsWith(DataSource.PACK_PREFIX) && Files.exists(Path.of(value));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    static String table(LeafProvenance p) {
        StringBuilder sb = new StringBuilder();
        sb.append(p.city().name()).append(" (").append(p.city().adcode()).append(')')
                .append(p.year() == null ? "" : " " + p.year()).append(" · ").append(p.model()).append(" · ")
                .append(p.leaf()).append(' ').append(p.name()).append(" · ")
                .append(p.via().equals("column") ? "the data's own column" : "binding " + p.via())
                .append(" · data ").append(p.data()).append('\n');
        TextTable t = new TextTable("column", ">value", "input", "file", "sheet", ">row", "cell", "source / note");
        for (ValueOrigin v : p.values()) {
            ValueSource s = v.source();
            if (s == null) {
                t.row(v.column(), "—", "no value", "", "", "", "", "");
                continue;
            }
            t.row(v.column(), number(v.value()), s.input(), s.file(), s.sheet() == null ? "" : s.sheet(),
                    s.row() > 0 ? Long.toString(s.row()) : "",
                    s.column() > 0 ? ValueSource.cell(s.column(), s.row()) + " (column " + s.column() + ")" : "",
                    s.note() == null ? "" : s.note());
        }
        sb.append(t.render());
        int conflicts = 0;
        for (ValueOrigin v : p.values()) {
            for (SourceConflict c : v.conflicts()) {
                conflicts++;
                sb.append(String.format(Locale.ROOT, "conflict: %s = %s from %s (%s) set aside; %s kept from %s"
                        + " (they differ by %.1f%% of the larger)%n", c.column(), number(c.other()), c.from().input(),
                        c.from().position(), number(c.kept()), c.keptFrom().input(), c.relativeDifference() * 100));
            }
        }
        if (conflicts == 0 && p.data().contains(DataSource.MERGE_SEPARATOR)) {
            sb.append("no conflict: the other sources agree or have no value here\n");
        }
        return sb.toString();
    }

    private static String number(Double v) {
        if (v == null) {
            return "—";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString(v.longValue()) : Double.toString(v);
    }
}

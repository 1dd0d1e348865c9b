package org.cityeval.cli.internal;

import static org.cityeval.cli.internal.Cli.BAD_INPUT;
import static org.cityeval.cli.internal.Cli.OK;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cityeval.api.analysis.CityProfile;
import org.cityeval.api.analysis.LeaveOneOut;
import org.cityeval.api.analysis.PipelineStages;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.EvaluateRequest;
import org.cityeval.api.workflow.OutputFormat;
import org.cityeval.cli.internal.Cli.UserError;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** City profiles and the export of the pipeline's intermediate datasets. Thin: the engine computes both. */
final class ProfileCommands {
    private ProfileCommands() {
    }

    @Command(name = "profile", description = "One city's profile: its rank overall and in its province, its points "
            + "and rank of N at every node, and its strengths and weaknesses (the indicators where it ranks best "
            + "and worst on the raw data, by COINr's get_str_weak rule).")
    static final class Profile implements Callable<Integer> {
        private final Cli cli;
        @Option(names = "--model", required = true, paramLabel = "ID", description = "model id")
        String id;
        @Option(names = "--data", required = true, paramLabel = "FILE", description = "city data: a CSV, XLSX or "
                + "JSON file, or pack:NAME for a shipped data pack", converter = Cli.Sources.class)
        DataSource data;
        @Parameters(index = "0", paramLabel = "CITY", description = "the city's name or adcode (a free unit's code)")
        String city;
        @Option(names = "--top", defaultValue = "5", paramLabel = "N", description = "how many strengths (default 5)")
        int top;
        @Option(names = "--bottom", defaultValue = "5", paramLabel = "N", description = "how many weaknesses "
                + "(default 5)")
        int bottom;
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = Cli.TableOrJson.class,
                description = "table or json")
        OutputFormat format;
        @CommandLine.Mixin
        Cli.RunOptions run;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Profile(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws Exception {
            if (top < 0 || bottom < 0) {
                throw new UserError(BAD_INPUT, "--top and --bottom must be 0 or more");
            }
            CityProfile p = cli.workflows().evaluations().profile(new EvaluateRequest(id, data)
                    .options(run.options()), city, top, bottom);
            String text = format == OutputFormat.JSON ? Json.write(p) : table(p);
            Cli.emit(text, null, spec.commandLine().getOut());
            return OK;
        }
    }

    static String rankOf(Integer rank, int of) {
        return rank == null ? "—" : rank + " of " + of;
    }

    static String table(CityProfile p) {
        StringBuilder sb = new StringBuilder();
        sb.append(p.name()).append(" (").append(p.adcode()).append(p.province() == null ? "" : ", " + p.province())
                .append(") in ").append(p.model()).append('\n');
        sb.append("total ").append(Reports.plain(p.score() == null ? Double.NaN : p.score())).append(", rank ")
                .append(rankOf(p.rank(), p.ranked()));
        if (p.province() != null) {
            sb.append("; in ").append(p.province()).append(' ').append(rankOf(p.provinceRank(), p.provinceRanked()));
        }
        sb.append("\n\n");
        TextTable nodes = new TextTable(">level", "node", "name", ">points", ">rank");
        for (CityProfile.NodeRank n : p.nodes()) {
            nodes.row(n.level(), n.id(), n.name(), Reports.fixed(n.score(), 3),
                    rankOf(n.rank(), n.of()));
        }
        sb.append(nodes.render());
        sb.append("\nstrengths (best ranks on the raw data)\n").append(indicators(p.strengths()));
        sb.append("\nweaknesses (worst ranks, the unit's last places left out)\n").append(indicators(p.weaknesses()));
        return sb.toString();
    }

    private static String indicators(List<CityProfile.IndicatorRank> l) {
        TextTable t = new TextTable("indicator", "name", "group", ">rank", ">value", "unit");
        for (CityProfile.IndicatorRank r : l) {
            t.row(r.id(), r.name(), r.group(), rankOf(r.rank(), r.of()), Reports.plain(r.value()), r.unit());
        }
        return t.render();
    }

    @Command(name = "export-stages", description = "Writes every stage of the evaluation's pipeline, as the engine "
            + "made it, into DIR: raw.csv, imputed.csv, scored.csv, aggregated.csv (a row per city, a column per "
            + "node) and stages.json (all of them with the tree), so that a result can be audited and reproduced; "
            + "with --format xlsx (or --out F.xlsx) one workbook instead: a README sheet and a sheet per stage.")
    static final class ExportStages implements Callable<Integer> {
        private final Cli cli;
        @Option(names = "--model", required = true, paramLabel = "ID", description = "model id")
        String id;
        @Option(names = "--data", required = true, paramLabel = "FILE", description = "city data: a CSV, XLSX or "
                + "JSON file, or pack:NAME for a shipped data pack", converter = Cli.Sources.class)
        DataSource data;
        @Option(names = "--out", required = true, paramLabel = "DIR|FILE", description = "folder to write into (made "
                + "if absent; its files of these names are replaced), or with xlsx the workbook's file")
        Path dir;
        @Option(names = "--format", paramLabel = "csv|xlsx", description = "csv (a folder of CSV files and "
                + "stages.json, the default) or xlsx (one workbook; the default when --out ends in .xlsx)")
        String format;
        @CommandLine.Mixin
        Cli.RunOptions run;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        ExportStages(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws Exception {
            boolean xlsx = format == null ? dir.getFileName() != null
                    && dir.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")
                    : switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
                    case "xlsx" -> true;
                    case "csv" -> false;
                    default -> throw new UserError(BAD_INPUT, "--format '" + format + "': expected csv or xlsx");
                    };
            if (xlsx) {
                // the workbook is made whole before the file is written: nothing half-written on bad input
                byte[] book = cli.workflows().reports().stagesWorkbook(new EvaluateRequest(id, data)
                        .options(run.options()));
                Cli.emitBytes(book, dir);
                spec.commandLine().getOut().println("wrote " + dir + " (README and a sheet per stage)");
                return OK;
            }
            PipelineStages s = cli.workflows().evaluations().stages(new EvaluateRequest(id, data)
                    .options(run.options()));
            Map<String, byte[]> files = files(s);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UserError(BAD_INPUT, dir + ": cannot make the folder: " + e.getMessage());
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Cli.emitBytes(f.getValue(), dir.resolve(f.getKey()));
            }
            spec.commandLine().getOut().println("wrote " + String.join(", ", files.keySet()) + " to " + dir + " ("
                    + s.units().size() + " units, " + s.nodes().size() + " nodes)");
            return OK;
        }
    }

    /** Every file of the export, made before any is written. */
    static Map<String, byte[]> files(PipelineStages s) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (PipelineStages.Stage stage : s.stages()) {
            files.put(stage.name() + ".csv", csv(s, stage).getBytes(StandardCharsets.UTF_8));
        }
        files.put("stages.json", Json.write(s).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** One stage, a row per unit in the data's order, a column per node the stage gives, in tree order. */
    static String csv(PipelineStages s, PipelineStages.Stage stage) {
        StringBuilder sb = new StringBuilder("adcode,name,province");
        List<String> ids = s.nodes().stream().map(PipelineStages.Node::id).filter(stage.values()::containsKey)
                .toList();
        for (String id : ids) {
            sb.append(',').append(Reports.csvCell(id));
        }
        sb.append('\n');
        for (int u = 0; u < s.units().size(); u++) {
            PipelineStages.Unit unit = s.units().get(u);
            sb.append(Reports.csvCell(unit.adcode())).append(',').append(Reports.csvCell(unit.name())).append(',')
                    .append(Reports.csvCell(unit.province()));
            for (String id : ids) {
                Double v = stage.values().get(id).get(u);
                sb.append(',').append(v == null ? "" : Reports.plain(v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Command(name = "sensitivity", description = "Leave-one-out (COINr's remove_elements): each indicator, or each "
            + "level-1 domain, removed in turn and the model re-evaluated with its own pipeline (the siblings share "
            + "the removed node's points); per removal the mean and largest absolute rank change, and with "
            + "--format json every city's rank.")
    static final class Sensitivity implements Callable<Integer> {
        private final Cli cli;
        @Option(names = "--model", required = true, paramLabel = "ID", description = "model id")
        String id;
        @Option(names = "--data", required = true, paramLabel = "FILE", description = "city data: a CSV, XLSX or "
                + "JSON file, or pack:NAME for a shipped data pack", converter = Cli.Sources.class)
        DataSource data;
        @Option(names = "--leave-one-out", required = true, paramLabel = "LEVEL", description = "indicator or domain")
        String level;
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = Cli.TableOrJson.class,
                description = "table or json")
        OutputFormat format;
        @CommandLine.Mixin
        Cli.RunOptions run;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Sensitivity(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws Exception {
            if (!level.equals("indicator") && !level.equals("domain")) {
                throw new UserError(BAD_INPUT, "--leave-one-out '" + level + "': expected indicator or domain");
            }
            LeaveOneOut r = cli.workflows().evaluations().leaveOneOut(new EvaluateRequest(id, data)
                    .options(run.options()), level);
            String text = format == OutputFormat.JSON ? Json.write(r) : table(r);
            Cli.emit(text, null, spec.commandLine().getOut());
            return OK;
        }
    }

    static String table(LeaveOneOut r) {
        StringBuilder sb = new StringBuilder("leave-one-out (" + r.level() + ") of " + r.model() + ": "
                + r.units().size() + " ranked units; rank shift = |rank without the node − nominal rank|\n\n");
        TextTable t = new TextTable("removed", "name", "parent", ">points", ">mean shift", ">max shift", "moved most");
        for (LeaveOneOut.Removal x : r.removals()) {
            String most = "";
            int best = 0;
            for (int u = 0; u < r.units().size(); u++) {
                Integer rank = x.ranks().get(u);
                if (rank != null && Math.abs(rank - r.units().get(u).nominal()) > best) {
                    best = Math.abs(rank - r.units().get(u).nominal());
                    most = r.units().get(u).name() + " " + r.units().get(u).nominal() + "→" + rank;
                }
            }
            t.row(x.node(), x.name(), x.parent(), Reports.fixed(x.weight(), 3), Reports.fixed(x.meanAbsoluteShift(), 2),
                    x.maxAbsoluteShift(), most);
        }
        sb.append(t.render());
        for (String n : r.notes()) {
            sb.append("note: ").append(n).append('\n');
        }
        return sb.toString();
    }
}

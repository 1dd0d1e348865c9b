package org.cityeval.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.result.Coverage;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.PanelResult;
import org.cityeval.api.service.PanelOptions;
import org.cityeval.api.result.QualityReport;
import org.cityeval.api.service.EvaluationFailure;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.workflow.ComparisonWorkflow;
import org.cityeval.api.workflow.CoverageRequest;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.EvaluateRequest;
import org.cityeval.api.workflow.EvaluationWorkflow;
import org.cityeval.api.workflow.ImportedModel;
import org.cityeval.api.workflow.ModelLookup;
import org.cityeval.api.workflow.OutputFormat;
import org.cityeval.api.workflow.ReportWorkflow;
import org.cityeval.api.workflow.UncertaintyWorkflow;
import org.cityeval.api.workflow.ValidateRequest;
import org.cityeval.api.workflow.ValidationReport;
import org.cityeval.api.workflow.ValidationWorkflow;
import org.cityeval.api.workflow.WeightsWorkflow;
import org.cityeval.api.workflow.WorkflowException;
import org.cityeval.store.AtomicFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The cityeval command line, shared by the launcher ({@code bin/cityeval}) and the Gogo shell. Every
 * command is a thin layer over the runtime's services; this class only parses, formats and writes.
 * <p>
 * Exit codes: 0 success; 2 bad input or usage (one line naming file, row and column where it applies;
 * nothing written); 3 a reproduction whose recomputed figures differ from the printed ones; 4 a model's
 * evaluation failed (a rule threw, or the run passed its time or memory limit; in {@code compare}, the other
 * models' results are still written); 1 anything unexpected.
 */
public final class Cli {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int NOT_REPRODUCED = 3;
    static final int EVALUATION_FAILED = 4;

    private final ModelCatalog catalog;
    private final Workflows workflows;
    /** Set by the DS component after construction (a separate reference keeps {@link Workflows} as it was). */
    private volatile org.cityeval.api.workflow.VariablesWorkflow variables;
    /** The statistics workflow, bound by the DS component (optional and dynamic); {@code null} while absent. */
    volatile org.cityeval.api.workflow.StatisticsWorkflow statistics;
    /** The collection-form workflow (bundle org.cityeval.report), optional and dynamic; {@code null} while absent. */
    volatile org.cityeval.api.workflow.FormWorkflow forms;
    /** Where values came from, bound by the DS component (optional and dynamic); {@code null} while absent. */
    volatile org.cityeval.api.workflow.ProvenanceWorkflow provenance;

    /** The workflow services the commands call: everything between parsing and formatting happens there. */
    public record Workflows(ModelLookup lookup, EvaluationWorkflow evaluations,
            ComparisonWorkflow comparison, UncertaintyWorkflow uncertainty, WeightsWorkflow weights, ReportWorkflow reports) {
    }

    public Cli(ModelCatalog catalog, Workflows workflows) {
        this.catalog = catalog;
        this.workflows = workflows;
    }

    /** @param variables the catalogue-variables workflow, for {@code cityeval variables} */
    Cli variables(org.cityeval.api.workflow.VariablesWorkflow variables) {
        this.variables = variables;
        return this;
    }

    /** The command tree: every command and subcommand, each answering {@code --help}. */
    CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Root())
                .addSubcommand(new ModelsCommand())
                .addSubcommand(new TreeCommand())
                .addSubcommand(new EvaluateCommand())
                .addSubcommand(new ReproduceCommand())
                .addSubcommand(new ValidateCommand())
                .addSubcommand(new AnalysisCommands.Compare(this))
                .addSubcommand(new AnalysisCommands.Uncertainty(this))
                .addSubcommand(new AnalysisCommands.Weights(this))
                .addSubcommand(new AnalysisCommands.Report(this))
                .addSubcommand(new ProfileCommands.Profile(this))
                .addSubcommand(new ProfileCommands.ExportStages(this))
                .addSubcommand(new ProfileCommands.Sensitivity(this))
                .addSubcommand(new CoverageCommand())
                .addSubcommand(new QualityCommand())
                .addSubcommand(new VariablesCommand(() -> variables))
                .addSubcommand(new StatsCommand(() -> statistics))
                .addSubcommand(new FormCommand(() -> forms))
                .addSubcommand(new ProvenanceCommand(() -> provenance))
                .addSubcommand(new CommandLine(new CoinrCommand())
                        .addSubcommand(new CoinrEvaluateCommand())
                        .addSubcommand(new CoinrImportCommand())
                        .addSubcommand(new CoinrExportCommand()))
                .addSubcommand(new SdkCommands.NewModel())
                .addSubcommand(new SdkCommands.Sdk())
                .addSubcommand(new ServeCommand())
                .addSubcommand(new ShellCommand())
                .addSubcommand(new CommandLine.HelpCommand())
                .setCaseInsensitiveEnumValuesAllowed(true);
        withHelp(cl);
        return cl;
    }

    /** Runs one command line; never throws. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = commandLine();
        PrintWriter o = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter e = new PrintWriter(err, true, StandardCharsets.UTF_8);
        cl.setOut(o).setErr(e);
        cl.setParameterExceptionHandler((ex, a) -> {
            e.println("cityeval: " + ex.getMessage());
            e.println("Try 'cityeval " + ex.getCommandLine().getCommandName().replace("cityeval", "").trim()
                    + (ex.getCommandLine().getParent() == null ? "" : " ") + "--help'.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UserError u) {
                e.println("cityeval: " + u.getMessage());
                return u.code;
            }
            if (ex instanceof WorkflowException w) {
                e.println("cityeval: " + w.getMessage());
                return exitCode(w.kind());
            }
            if (ex instanceof BadInputException b) {
                e.println("cityeval: " + b.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof EvaluationFailure f) {
                e.println("cityeval: " + f.getMessage());
                return EVALUATION_FAILED;
            }
            e.println("cityeval: internal error: " + ex);
            if (Boolean.getBoolean("cityeval.debug")) {
                ex.printStackTrace(e);
            }
            return FAILED;
        });
        try {
            return cl.execute(args);
        } finally {
            o.flush();
            e.flush();
        }
    }

    /**
     * Every command and subcommand answers {@code -h}/{@code --help} with its usage and exit code 0, before its
     * required options are checked; a command added later (e.g. {@code serve}) gets it too.
     */
    static void withHelp(CommandLine cl) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        if (spec.optionsMap().get("--help") == null && !(cl.getCommand() instanceof CommandLine.HelpCommand)) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
        }
        cl.getSubcommands().values().forEach(Cli::withHelp);
    }

    /** The exit code of a workflow's refusal. */
    static int exitCode(WorkflowException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND, INVALID -> BAD_INPUT;
            case EVALUATION_FAILED -> EVALUATION_FAILED;
            case UNAVAILABLE, FULL -> FAILED;
        };
    }

    /** An error the user can act on, with its exit code. */
    static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        UserError(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** The formats a command writes; {@code --format} is parsed by {@link OutputFormat#parse}, with its one text. */
    static final List<OutputFormat> TABLE_JSON = List.of(OutputFormat.TABLE, OutputFormat.JSON);
    static final List<OutputFormat> TABLE_CSV_JSON = List.of(OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.JSON);

    /** {@code --format} of a command that writes a table or JSON. */
    static final class TableOrJson implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return parseFormat(value, TABLE_JSON);
        }
    }

    /** {@code --format} of a command that writes a table, CSV or JSON. */
    static final class TableCsvOrJson implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return parseFormat(value, TABLE_CSV_JSON);
        }
    }

    private static OutputFormat parseFormat(String value, List<OutputFormat> allowed) {
        try {
            return OutputFormat.parse(value, allowed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    @Command(name = "cityeval", mixinStandardHelpOptions = true, version = "cityeval 0.1.0",
            description = "Runs smart-city evaluation methodologies side by side.",
            subcommandsRepeatable = false)
    static final class Root implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return BAD_INPUT;
        }
    }

    LoadedModel model(String id) {
        return workflows.lookup().model(id);
    }

    Workflows workflows() {
        return workflows;
    }

    /**
     * Writes bytes to the file atomically and durably ({@link AtomicFiles}: a hidden temporary file beside it,
     * fsync, rename, fsync of the folder): the file holds its old content or the new one, never a part.
     */
    static void emitBytes(byte[] bytes, Path outFile) {
        try {
            AtomicFiles.write(outFile.toAbsolutePath(), bytes);
        } catch (NoSuchFileException e) {
            throw new UserError(BAD_INPUT, outFile + ": the folder does not exist");
        } catch (IOException e) {
            throw new UserError(BAD_INPUT, outFile + ": cannot write: " + e.getMessage());
        }
    }

    /** Writes to the file atomically and durably ({@link #emitBytes}), or to standard output. */
    static void emit(String text, Path outFile, PrintWriter out) {
        if (outFile == null) {
            out.print(text);
            out.flush();
            return;
        }
        emitBytes(text.getBytes(StandardCharsets.UTF_8), outFile);
    }

    @Command(name = "models", description = "Lists the loaded models, their indicator counts and weight provenance, "
            + "and descriptors that failed to load.")
    final class ModelsCommand implements Callable<Integer> {
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = TableOrJson.class, description = "table or json")
        OutputFormat format;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String text = switch (format) {
                case JSON -> Json.write(catalog.overview());
                case TABLE -> Reports.models(catalog.overview());
                default -> throw new IllegalStateException(format.label());
            };
            emit(text, null, spec.commandLine().getOut());
            return OK;
        }
    }

    @Command(name = "tree", description = "Shows a model's indicator tree: ids, names, levels, weights with "
            + "provenance, scoring rules.")
    final class TreeCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL", description = "model id")
        String id;
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = TableOrJson.class, description = "table or json")
        OutputFormat format;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            LoadedModel m = model(id);
            String text = switch (format) {
                case JSON -> Json.write(m.model());
                case TABLE -> Reports.tree(catalog.overview().models().stream()
                        .filter(o -> o.id().equals(id)).findFirst().orElseThrow(), m.model());
                default -> throw new IllegalStateException(format.label());
            };
            emit(text, null, spec.commandLine().getOut());
            return OK;
        }
    }

    @Command(name = "evaluate", description = "Evaluates a model on a CSV of city data (an 'adcode' or 'city' "
            + "column and one column per indicator id, at any level of the tree).")
    final class EvaluateCommand implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "ID", description = "model id")
        String id;
        @Option(names = "--data", required = true, paramLabel = "FILE", description = "city data: a CSV, XLSX or "
                + "JSON file, or pack:NAME for a shipped data pack", converter = Sources.class)
        DataSource data;
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = TableCsvOrJson.class,
                description = "table, csv or json")
        OutputFormat format;
        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
        Path out;
        @CommandLine.Mixin
        RunOptions run;
        @Option(names = "--years", paramLabel = "YEARS", description = "evaluate these years as a panel: all, a range "
                + "such as 2019-2023, or a list such as 2019,2021; prints score and rank per year, CAGR and trend")
        String years;
        @Option(names = "--normalise", paramLabel = "year|panel", description = "with --years: score each year on "
                + "its own range (year, the default) or on all years' values (panel), so scores compare across years")
        String normalise;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (years != null) {
                return panel();
            }
            if (normalise != null) {
                throw new UserError(BAD_INPUT, "--normalise: only with --years (a panel of several years)");
            }
            LoadedModel m = model(id);
            EvaluationResult result = workflows.evaluations().evaluate(new EvaluateRequest(id, data).options(run.options()));
            String text = switch (format) {
                case JSON -> Json.write(result);
                case CSV -> Reports.csv(m.model(), result);
                default -> Reports.evaluation(m.model(), result);
            };
            emit(text, out, spec.commandLine().getOut());
            if (format == OutputFormat.CSV && !result.warnings().isEmpty()) {
                result.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            }
            return OK;
        }

        /** {@code --years}: a panel; {@code --missing interpolate|locf} is its time-series imputation. */
        private Integer panel() throws Exception {
            PanelReports.Choice choice = PanelReports.choice(years, normalise, run);
            PanelOptions panel = choice.panel();
            EvaluationOptions options = choice.options();
            LoadedModel m = model(id);
            PanelResult result = workflows.evaluations().panel(new EvaluateRequest(id, data).options(options)
                    .panel(panel));
            String text = switch (format) {
                case JSON -> Json.write(result);
                case CSV -> PanelReports.csv(result);
                default -> PanelReports.table(m.model(), result);
            };
            emit(text, out, spec.commandLine().getOut());
            if (format == OutputFormat.CSV && !result.warnings().isEmpty()) {
                result.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            }
            return OK;
        }
    }

    @Command(name = "reproduce", description = "Evaluates the model's shipped reference data (the report's "
            + "published table) and prints what the report prints, with checks of every recomputed figure.")
    final class ReproduceCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MODEL", description = "model id")
        String id;
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = TableOrJson.class, description = "table or json")
        OutputFormat format;
        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
        Path out;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            LoadedModel m = model(id);
            EvaluationResult result = workflows.evaluations().reproduce(id);
            String text = switch (format) {
                case JSON -> {
                    ObjectNode node = Json.MAPPER.valueToTree(result);
                    JsonNode ref = Json.MAPPER.valueToTree(m.model().reference());
                    ObjectNode ordered = Json.MAPPER.createObjectNode();
                    ordered.set("model", node.get("model"));
                    ordered.set("reference", ref);
                    node.properties().forEach(e -> {
                        if (!e.getKey().equals("model")) {
                            ordered.set(e.getKey(), e.getValue());
                        }
                    });
                    yield Json.write(ordered);
                }
                case TABLE -> Reports.reproduction(m.model(), result);
                default -> throw new IllegalStateException(format.label());
            };
            emit(text, out, spec.commandLine().getOut());
            boolean reproduced = result.checks().stream().allMatch(c -> c.passed());
            return reproduced ? OK : NOT_REPRODUCED;
        }
    }

    @Command(name = "validate", description = "Checks model descriptors as the runtime would load them, without "
            + "deploying them: a descriptor, or every descriptor of a model bundle (a .jar or its class folder, whose "
            + "own rules count as available). Every problem with its JSON path, then warnings and notes; exit 2 on "
            + "a problem.")
    final class ValidateCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE|JAR|DIR", description = "a descriptor (.json), a model bundle "
                + "(.jar), or a bundle's class folder (with META-INF/MANIFEST.MF, e.g. target/classes)")
        Path file;
        @Option(names = "--pack", paramLabel = "ID", description = "check bindings against this data pack's "
                + "variables, and that every leaf has data in it (default: against the variable catalogue)")
        String pack;
        @Option(names = "--rule", paramLabel = "NAME", description = "a rule name to take as available (one not "
                + "deployed); repeatable")
        List<String> rules = new ArrayList<>();
        @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text or json")
        String format;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (!format.equals("text") && !format.equals("json")) {
                throw new UserError(BAD_INPUT, "--format: '" + format + "' is not one of text or json");
            }
            ValidationReport report = validation().validate(new ValidateRequest(DataSource.file(file)).pack(pack)
                    .rules(new LinkedHashSet<>(rules)));
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (format.equals("json")) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("source", report.source());
                json.put("valid", report.valid());
                json.put("models", report.models());
                json.put("problems", report.problems());
                json.put("warnings", report.warnings());
                json.put("notes", report.notes());
                out.println(Json.write(json));
            } else {
                report.problems().forEach(p -> err.println("cityeval: " + p.descriptor() + " at " + p.jsonPath() + ": "
                        + p.reason()));
                // problems on standard error, one line each; what does not fail goes to standard output
                report.warnings().forEach(w -> out.println("warning: " + w.descriptor() + " at " + w.jsonPath() + ": "
                        + w.reason()));
                report.notes().forEach(n -> out.println("note: " + n));
                if (report.valid()) {
                    out.println(file + ": valid; it would load as it is"
                            + (report.models().isEmpty() ? "" : " (" + String.join(", ", report.models()) + ")"));
                }
            }
            return report.valid() ? OK : BAD_INPUT;
        }
    }

    /** The validation workflow, bound by the component (a separate reference, so it can be set on its own). */
    volatile ValidationWorkflow validation;

    private ValidationWorkflow validation() {
        ValidationWorkflow v = validation;
        if (v == null) {
            throw WorkflowException.unavailable("the validation workflow (bundle org.cityeval.workflow) is");
        }
        return v;
    }

    /** Choices made per run: year and missing data. */
    static final class RunOptions {
        @Option(names = "--year", description = "evaluate this year's records (default: the latest)")
        Integer year;
        @Option(names = "--missing", paramLabel = "METHOD", description = "missing data: none, renormalise, mean, "
                + "median, group-mean[:RULE], group-median[:RULE] (RULE a grouping rule: province, the default, "
                + "region, provincial-capital or a plug-in's) (default: the model's own); with --years also interpolate "
                + "or locf over each city's years, alone or after a comma (renormalise,locf)")
        String missing;
        @Option(names = "--min-coverage", paramLabel = "SHARE", description = "drop cities whose data back less than "
                + "this share (0..1) of the model's weight")
        Double minCoverage;
        @Option(names = "--timeout", paramLabel = "DURATION", description = "abandon a model's evaluation after this "
                + "long, e.g. 30s or 5m (default: framework property cityeval.evaluation.timeout, else 60s)")
        String timeout;
        @Option(names = "--clamp", description = "clamp points given outside a node's range (0 to its points) into "
                + "it, with a warning naming each, instead of refusing the data (exit 2)")
        boolean clamp;
        @Option(names = "--coverage-threshold", paramLabel = "SHARE", description = "withhold tiers and group tiers "
                + "when the data back less than this share (0..1) of the model's weight (default: 0.5)")
        Double coverageThreshold;
        @Option(names = "--treat", paramLabel = "TREATMENT", description = "outlier treatment of every leaf's raw "
                + "values before scoring, overriding the model's: winsorise (COINr's default: up to 5 points while "
                + "|skew| > 2 and kurtosis > 3.5, else log), winsorise:N, log, box-cox:LAMBDA or none (default: the "
                + "model's own)")
        String treat;

        Duration timeout() {
            if (timeout == null) {
                return null;
            }
            try {
                return EvaluationOptions.parseDuration(timeout);
            } catch (IllegalArgumentException e) {
                throw new UserError(BAD_INPUT, "--timeout '" + timeout + "': " + e.getMessage());
            }
        }

        EvaluationOptions options() {
            MissingData m = null;
            if (missing != null || minCoverage != null) {
                try {
                    m = MissingData.parse(missing, minCoverage);
                } catch (IllegalArgumentException e) {
                    throw new UserError(BAD_INPUT, "--missing '" + missing + "': " + e.getMessage());
                }
                if (minCoverage != null && (minCoverage < 0 || minCoverage > 1)) {
                    throw new UserError(BAD_INPUT, "--min-coverage " + minCoverage + ": a share between 0 and 1");
                }
            }
            if (coverageThreshold != null && !(coverageThreshold >= 0 && coverageThreshold <= 1)) {
                throw new UserError(BAD_INPUT, "--coverage-threshold " + coverageThreshold + ": a share between 0 and 1");
            }
            return new EvaluationOptions(m, year, timeout(), clamp, coverageThreshold, treat);
        }
    }

    @Command(name = "coverage", description = "Which leaves of each model the data can score (by column or by "
            + "catalogue binding), for how many cities, and the share of each model's weight that backs.")
    final class CoverageCommand implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "FILE", description = "a data file or pack:NAME",
                converter = Sources.class)
        DataSource data;
        @Option(names = "--model", paramLabel = "ID", description = "one model (default: every loaded model)")
        String id;
        @Option(names = "--year", description = "the year to look at (default: the latest)")
        Integer year;
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = TableOrJson.class, description = "table or json")
        OutputFormat format;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<Coverage> all = workflows.evaluations().coverage(new CoverageRequest(data).model(id).year(year));
            String text = switch (format) {
                case JSON -> Json.write(all);
                case TABLE -> Reports.coverage(all);
                default -> throw new IllegalStateException(format.label());
            };
            emit(text, null, spec.commandLine().getOut());
            return OK;
        }
    }

    @Command(name = "quality", description = "The data-quality report: impossible values, year-on-year jumps, "
            + "disagreement between two sources of one quantity, outliers by skew and kurtosis. Changes nothing.")
    final class QualityCommand implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "FILE", description = "a data file or pack:NAME",
                converter = Sources.class)
        DataSource data;
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = TableOrJson.class, description = "table or json")
        OutputFormat format;
        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
        Path out;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            QualityReport report = workflows.evaluations().quality(data);
            String text = switch (format) {
                case JSON -> Json.write(report);
                case TABLE -> Reports.quality(report);
                default -> throw new IllegalStateException(format.label());
            };
            emit(text, out, spec.commandLine().getOut());
            return OK;
        }
    }

    @Command(name = "coinr", description = "COINr (the JRC's R package) interoperability: iMeta/iData files.")
    static final class CoinrCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return BAD_INPUT;
        }
    }

    @Command(name = "evaluate", description = "Evaluates a COINr index with COINr's defaults (min-max onto the "
            + "indicator's points, weighted arithmetic mean renormalised over the children with data).")
    final class CoinrEvaluateCommand implements Callable<Integer> {
        @Option(names = "--meta", required = true, paramLabel = "FILE", description = "iMeta CSV")
        Path meta;
        @Option(names = "--data", required = true, paramLabel = "FILE", description = "iData CSV")
        Path data;
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = TableCsvOrJson.class,
                description = "table, csv or json")
        OutputFormat format;
        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
        Path out;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ImportedModel imported = workflows.evaluations().coinr(DataSource.file(meta), DataSource.file(data));
            var model = imported.model();
            EvaluationResult result = workflows.evaluations().evaluateCoinr(DataSource.file(meta), DataSource.file(data));
            String text = switch (format) {
                case JSON -> Json.write(result);
                case CSV -> Reports.csv(model, result);
                default -> Reports.evaluation(model, result);
            };
            emit(text, out, spec.commandLine().getOut());
            return OK;
        }
    }

    @Command(name = "import", description = "Writes a COINr iMeta/iData pair as a cityeval model descriptor, "
            + "ready for a model bundle (see docs/model-authoring.md).")
    final class CoinrImportCommand implements Callable<Integer> {
        @Option(names = "--meta", required = true, paramLabel = "FILE", description = "iMeta CSV")
        Path meta;
        @Option(names = "--data", required = true, paramLabel = "FILE", description = "iData CSV")
        Path data;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the descriptor to write (.json)")
        Path out;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ImportedModel imported = workflows.evaluations().coinr(DataSource.file(meta), DataSource.file(data));
            var model = imported.model(); // validated as the extender would
            emit(new String(imported.descriptor(), StandardCharsets.UTF_8), out, spec.commandLine().getOut());
            spec.commandLine().getErr().println("cityeval: wrote model '" + model.id() + "' to " + out);
            return OK;
        }
    }

    @Command(name = "export", description = "Writes a model and a dataset as COINr's iMeta.csv and iData.csv.")
    final class CoinrExportCommand implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "ID", description = "model id")
        String id;
        @Option(names = "--data", required = true, paramLabel = "FILE", description = "a data file or pack:NAME",
                converter = Sources.class)
        DataSource data;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "an existing folder")
        Path dir;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!Files.isDirectory(dir)) {
                throw new UserError(BAD_INPUT, dir + ": not a folder");
            }
            Map<String, byte[]> files = workflows.evaluations().exportCoinr(id, data);
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                emit(new String(e.getValue(), StandardCharsets.UTF_8), dir.resolve(e.getKey()), spec.commandLine().getOut());
            }
            spec.commandLine().getOut().println("wrote " + String.join(", ", files.keySet()) + " to " + dir);
            return OK;
        }
    }

    /** {@code --data}: a file or {@code pack:NAME}, or several joined by {@code +} ({@link ProvenanceCommand#parse}). */
    static final class Sources implements CommandLine.ITypeConverter<DataSource> {
        @Override
        public DataSource convert(String value) {
            return ProvenanceCommand.parse(value);
        }
    }

    /** @return the model ids currently loaded (for shell completion and messages) */
    List<String> modelIds() {
        return catalog.models().stream().map(m -> m.model().id()).toList();
    }
}

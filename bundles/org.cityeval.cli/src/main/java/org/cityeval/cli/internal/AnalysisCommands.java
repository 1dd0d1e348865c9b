package org.cityeval.cli.internal;

import static org.cityeval.cli.internal.Cli.BAD_INPUT;
import static org.cityeval.cli.internal.Cli.EVALUATION_FAILED;
import static org.cityeval.cli.internal.Cli.OK;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

import org.cityeval.api.analysis.Concordance;
import org.cityeval.api.analysis.DerivedWeights;
import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.analysis.AggregationAlternative;
import org.cityeval.api.analysis.NormalisationChoice;
import org.cityeval.api.analysis.UncertaintySpec;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.workflow.CompareRequest;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.OutputFormat;
import org.cityeval.api.workflow.PublishedSource;
import org.cityeval.api.workflow.ReportRequest;
import org.cityeval.api.workflow.UncertaintyWorkflow;
import org.cityeval.api.workflow.UncertaintyRequest;
import org.cityeval.api.workflow.WeightsWorkflow;
import org.cityeval.api.workflow.WeightsRequest;
import org.cityeval.cli.internal.Cli.UserError;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The comparative-analysis commands: compare, uncertainty, weights. Thin, like the others. */
final class AnalysisCommands {
    private AnalysisCommands() {
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    @Command(name = "compare", description = "How far models and published rankings agree: the rank table of the "
            + "cities common to all and Kendall's W on them; per pair, on the cities both rank, Spearman and Kendall "
            + "tau-b with p-values, rank-biased overlap, tier cross-tables with Cohen's kappa, the largest movers and "
            + "why, and domain correlations along the declared crosswalk.")
    static final class Compare implements Callable<Integer> {
        private final Cli cli;
        @Option(names = "--models", paramLabel = "A,B,...", description = "models to evaluate on --data")
        String models;
        @Option(names = "--published", paramLabel = "ID|FILE,...", description = "published rankings: a model id "
                + "(its shipped reference result, the report's published table) or a .csv/.xlsx file with a city "
                + "column and rank and/or score (see docs/data-formats.md); with --models, compared beside them")
        String published;
        @Option(names = "--data", paramLabel = "FILE", description = "a data file or pack:NAME (with --models)",
                converter = Cli.Sources.class)
        DataSource data;
        @Option(names = "--crosswalk", paramLabel = "FILE", description = "domain crosswalk (default: conf/crosswalk.json)")
        Path crosswalk;
        @Option(names = "--top", defaultValue = "10", description = "depth of rank-biased overlap and movers per pair")
        int top;
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = Cli.TableOrJson.class, description = "table or json")
        OutputFormat format;
        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
        Path out;
        @CommandLine.Mixin
        Cli.RunOptions run;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Compare(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws Exception {
            if (models == null && published == null) {
                throw new UserError(BAD_INPUT, "compare: give --models A,B --data FILE, or --published A,B|FILE "
                        + "(or both)");
            }
            CompareRequest request;
            if (models == null) {
                if (data != null) {
                    throw new UserError(BAD_INPUT, "compare: --data is for --models; --published rankings are "
                            + "compared as published");
                }
                request = CompareRequest.published(split(published));
            } else {
                if (data == null) {
                    throw new UserError(BAD_INPUT, "compare --models needs --data FILE");
                }
                request = CompareRequest.evaluated(split(models), data).options(run.options());
                if (published != null) {
                    for (String entry : split(published)) {
                        request.addPublished(PublishedSource.parse(entry));
                    }
                }
            }
            Concordance c = cli.workflows().comparison().compare(request.crosswalk(crosswalk).top(top));
            String text = switch (format) {
                case JSON -> Json.write(c);
                case TABLE -> Reports.concordance(c);
                default -> throw new IllegalStateException(format.label());
            };
            Cli.emit(text, out, spec.commandLine().getOut());
            for (Concordance.Failed f : c.failed()) {
                spec.commandLine().getErr().println("cityeval: " + f.message());
            }
            return c.failed().isEmpty() ? OK : EVALUATION_FAILED;
        }
    }

    @Command(name = "uncertainty", description = "Monte Carlo uncertainty and Sobol sensitivity analysis: per city "
            + "the nominal rank, median and 5-95%% band; first-order and total indices of each uncertain choice.")
    static final class Uncertainty implements Callable<Integer> {
        private final Cli cli;
        @Option(names = "--model", paramLabel = "ID[,ID...]", description = "a model, or several: the choice of "
                + "model is then uncertain too")
        String model;
        @Option(names = "--data", paramLabel = "FILE", description = "a data file or pack:NAME (with --model)",
                converter = Cli.Sources.class)
        DataSource data;
        @Option(names = "--coinr-meta", paramLabel = "FILE", description = "a COINr iMeta CSV instead of --model")
        Path coinrMeta;
        @Option(names = "--coinr-data", paramLabel = "FILE", description = "the COINr iData CSV")
        Path coinrData;
        @Option(names = "--replications", defaultValue = "1000", description = "N (Sobol: N x (k + 2) runs)")
        int replications;
        @Option(names = "--seed", defaultValue = "1", description = "random seed")
        long seed;
        @Option(names = "--threads", defaultValue = "0", description = "worker threads (0: one per core)")
        int threads;
        @Option(names = "--weight-noise", paramLabel = "LEVEL:SHARE,...", description = "e.g. 2:0.25,3:0.25")
        String weightNoise;
        @Option(names = "--normalise", paramLabel = "M,...", description = "alternatives among model, min-max, "
                + "rank, z-score, e.g. model,rank (default: model, the model's own scoring rules)")
        String normalise;
        @Option(names = "--aggregate", paramLabel = "M,...", description = "alternatives among model, arithmetic, "
                + "geometric, harmonic, genmean:P (the generalised mean with exponent P) and copeland, e.g. "
                + "model,geometric,genmean:0.5,copeland (default: model, the model's own aggregation rules)")
        String aggregate;
        @Option(names = "--impute", paramLabel = "M,...", description = "alternative missing-data policies, an "
                + "uncertain input of its own: none, renormalise, mean, median, group-mean[:RULE], "
                + "group-median[:RULE] (RULE a grouping rule: province, region, provincial-capital or a plug-in's), "
                + "e.g. renormalise,mean,group-median:region; each keeps --min-coverage (default: every run uses "
                + "--missing, else each model's own)")
        String impute;
        @Option(names = "--winsorise", paramLabel = "A-B", description = "winsorisation limits, e.g. 1-5")
        String winsorise;
        @Option(names = "--sobol", description = "estimate Sobol indices (Saltelli sampling, Jansen estimators)")
        boolean sobol;
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = Cli.TableOrJson.class, description = "table or json")
        OutputFormat format;
        @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
        Path out;
        @CommandLine.Mixin
        Cli.RunOptions run;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Uncertainty(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws Exception {
            if (replications < 2) {
                throw new UserError(BAD_INPUT, "--replications " + replications + ": at least 2");
            }
            UncertaintySpec s;
            try {
                s = new UncertaintySpec(replications, seed, threads, noise(), normalise == null ? List.of()
                        : split(normalise).stream().map(NormalisationChoice::parse).toList(), List.of(),
                        winsorisation(), sobol, run.options().missing(), imputations(), aggregate == null
                                ? List.of() : split(aggregate).stream().map(AggregationAlternative::parse).toList());
            } catch (IllegalArgumentException e) {
                throw new UserError(BAD_INPUT, "uncertainty: " + e.getMessage());
            }
            UncertaintyRequest request;
            if (coinrMeta != null || coinrData != null) {
                if (coinrMeta == null || coinrData == null || model != null) {
                    throw new UserError(BAD_INPUT, "uncertainty: give --coinr-meta and --coinr-data, or --model and --data");
                }
                request = UncertaintyRequest.coinr(DataSource.file(coinrMeta), DataSource.file(coinrData), s);
            } else {
                if (model == null || data == null) {
                    throw new UserError(BAD_INPUT, "uncertainty: give --model ID --data FILE (or the COINr files)");
                }
                request = UncertaintyRequest.of(split(model), data, s);
            }
            UncertaintyWorkflow workflow = cli.workflows().uncertainty();
            UncertaintyResult r = workflow.run(request, progressBar(workflow.runs(request)));
            String text = switch (format) {
                case JSON -> Json.write(r);
                case TABLE -> Reports.uncertainty(r);
                default -> throw new IllegalStateException(format.label());
            };
            Cli.emit(text, out, spec.commandLine().getOut());
            return OK;
        }

        /** {@code --impute}: each policy as {@code --missing} reads it, with the run's {@code --min-coverage}. */
        private List<MissingData> imputations() {
            if (impute == null) {
                return List.of();
            }
            List<MissingData> out = new ArrayList<>();
            for (String part : split(impute)) {
                try {
                    out.add(MissingData.parse(part, run.minCoverage));
                } catch (IllegalArgumentException e) {
                    throw new UserError(BAD_INPUT, "--impute '" + part + "': " + e.getMessage());
                }
            }
            return out;
        }

        private Map<Integer, Double> noise() {
            Map<Integer, Double> m = new LinkedHashMap<>();
            if (weightNoise == null) {
                return m;
            }
            for (String part : split(weightNoise)) {
                String[] kv = part.split(":");
                try {
                    m.put(Integer.parseInt(kv[0].trim()), Double.parseDouble(kv[1].trim()));
                } catch (RuntimeException e) {
                    throw new UserError(BAD_INPUT, "--weight-noise '" + part + "': LEVEL:SHARE, e.g. 2:0.25");
                }
            }
            return m;
        }

        private List<Integer> winsorisation() {
            if (winsorise == null) {
                return List.of();
            }
            try {
                String[] ab = winsorise.split("-");
                int a = Integer.parseInt(ab[0].trim());
                int b = ab.length > 1 ? Integer.parseInt(ab[1].trim()) : a;
                List<Integer> out = new ArrayList<>();
                for (int i = a; i <= b; i++) {
                    out.add(i);
                }
                if (out.isEmpty() || a < 0) {
                    throw new IllegalArgumentException();
                }
                return out;
            } catch (RuntimeException e) {
                throw new UserError(BAD_INPUT, "--winsorise '" + winsorise + "': A-B, e.g. 1-5");
            }
        }

        /** A progress bar on standard error when it is a terminal; nothing otherwise. */
        private IntConsumer progressBar(long total) {
            if (System.console() == null) {
                return null;
            }
            PrintWriter err = spec.commandLine().getErr();
            return done -> {
                int width = 30;
                int filled = (int) Math.min(width, width * done / Math.max(1, total));
                err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
                        + Math.min(100, 100L * done / Math.max(1, total)) + "% (" + done + "/" + total + " runs)");
                if (done >= total) {
                    err.println();
                }
                err.flush();
            };
        }
    }

    @Command(name = "report", description = "Writes what a study publishes: a self-contained HTML report (charts "
            + "embedded, opens offline) or an Excel workbook (a sheet per level, tiers, comparison), by --out's extension.")
    static final class Report implements Callable<Integer> {
        private final Cli cli;
        @Option(names = "--model", required = true, paramLabel = "ID[,ID...]", description = "one or more models")
        String models;
        @Option(names = "--data", paramLabel = "FILE", description = "a data file or pack:NAME (default: each model's "
                + "shipped reference data)", converter = Cli.Sources.class)
        DataSource data;
        @Option(names = "--title", description = "the report's title")
        String title;
        @Option(names = "--published", paramLabel = "ID|FILE,...", description = "published rankings (a model's "
                + "reference result, or a .csv/.xlsx file) added to the report's comparison")
        String published;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "report.html or result.xlsx")
        Path out;
        @CommandLine.Mixin
        Cli.RunOptions run;
        @Option(names = "--years", paramLabel = "YEARS", description = "add a Panel sheet (workbook): the first "
                + "model over these years (all, 2019-2023, 2019,2021): score and rank per year, CAGR, trend")
        String years;
        @Option(names = "--normalise", paramLabel = "year|panel", description = "with --years: each year on its own "
                + "range (year, the default) or on all years' values (panel)")
        String normalise;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Report(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws Exception {
            OutputFormat format = OutputFormat.ofFileName(out.getFileName().toString());
            if (format == null || !cli.workflows().reports().formats().contains(format)) {
                throw new UserError(BAD_INPUT, "--out " + out + ": a .html or .xlsx file");
            }
            if (years == null && normalise != null) {
                throw new UserError(BAD_INPUT, "--normalise: only with --years (a panel of several years)");
            }
            PanelReports.Choice panel = years == null ? null : PanelReports.choice(years, normalise, run);
            ReportRequest request = new ReportRequest(split(models), format).data(data)
                    .options(panel == null ? run.options() : panel.options()).title(title)
                    .panel(panel == null ? null : panel.panel());
            if (published != null) {
                for (String entry : split(published)) {
                    request.addPublished(PublishedSource.parse(entry));
                }
            }
            byte[] bytes = cli.workflows().reports().write(request);
            Cli.emitBytes(bytes, out);
            spec.commandLine().getOut().println("wrote " + out);
            return OK;
        }
    }

    @Command(name = "weights", description = "Derives the weights of a node's children with a weighting method "
            + "(equal, fixed, expert-survey, ahp, entropy, critic, pca, optimised) and can write them as the model's weight "
            + "configuration (conf/models/ID.json) with their provenance.")
    static final class Weights implements Callable<Integer> {
        private final Cli cli;
        @Option(names = "--model", required = true, paramLabel = "ID", description = "model id")
        String id;
        @Option(names = "--node", paramLabel = "NODE", defaultValue = "total", description = "the parent (default: total)")
        String node;
        @Option(names = "--method", required = true, paramLabel = "M", description = "weighting method")
        String method;
        @Option(names = "--data", paramLabel = "FILE", description = "data for data-driven methods (entropy, critic, pca, optimised)",
                converter = Cli.Sources.class)
        DataSource data;
        @Option(names = "--params", paramLabel = "FILE", description = "method parameters as JSON, e.g. an AHP matrix")
        Path params;
        @Option(names = "--write-config", description = "write the derived weights to conf/models/ID.json")
        boolean write;
        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = Cli.TableOrJson.class, description = "table or json")
        OutputFormat format;
        @CommandLine.Mixin
        Cli.RunOptions run;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Weights(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws Exception {
            Map<String, Object> parameters = Map.of();
            if (params != null) {
                try {
                    parameters = Json.MAPPER.readValue(Files.readAllBytes(params), new TypeReference<Map<String, Object>>() {
                    });
                } catch (NoSuchFileException e) {
                    throw new UserError(BAD_INPUT, params + ": no such file");
                } catch (IOException e) {
                    throw new UserError(BAD_INPUT, params + ": not a JSON object: " + JsonErrors.describe(e));
                }
            }
            WeightsWorkflow weights = cli.workflows().weights();
            DerivedWeights r = weights.derive(new WeightsRequest(id, method).node(node).parameters(parameters).data(data)
                    .options(run.options()));
            Path written = write ? weights.writeConfiguration(r, method + " weights" + (data == null ? "" : " from " + data))
                    : null;
            String text = switch (format) {
                case JSON -> {
                    ObjectNode json = Json.MAPPER.valueToTree(r);
                    if (written != null) {
                        json.put("written", written.toString());
                    }
                    yield Json.write(json);
                }
                case TABLE -> Reports.weights(r, written);
                default -> throw new IllegalStateException(format.label());
            };
            Cli.emit(text, null, spec.commandLine().getOut());
            return OK;
        }
    }
}

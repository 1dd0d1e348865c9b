package org.cityeval.cli.internal;

import static org.cityeval.cli.internal.Cli.BAD_INPUT;
import static org.cityeval.cli.internal.Cli.EVALUATION_FAILED;
import static org.cityeval.cli.internal.Cli.FAILED;
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
import org.cityeval.api.analysis.ConcordanceAnalysis;
import org.cityeval.api.analysis.DerivedWeights;
import org.cityeval.api.analysis.UncertaintyAnalysis;
import org.cityeval.api.analysis.WeightDerivation;
import org.cityeval.api.analysis.UncertaintyResult;
import org.cityeval.api.analysis.AggregationChoice;
import org.cityeval.api.analysis.NormalisationChoice;
import org.cityeval.api.analysis.UncertaintySpec;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.model.Provenance;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.service.EvaluationFailure;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.LoadedModel;
import org.cityeval.api.service.ReportWriter;
import org.cityeval.api.spi.ModelFormat;
import org.cityeval.cli.internal.Cli.Format;
import org.cityeval.cli.internal.Cli.UserError;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
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

    @Command(name = "compare", description = "How far models agree: the rank table of the cities common to all, "
            + "Spearman and Kendall tau-b with p-values, rank-biased overlap, Kendall's W, tier cross-tables with "
            + "Cohen's kappa, the largest movers and why, and domain correlations along the declared crosswalk.")
    static final class Compare implements Callable<Integer> {
        private final Cli cli;
        @Option(names = "--models", paramLabel = "A,B,...", description = "models to evaluate on --data")
        String models;
        @Option(names = "--published", paramLabel = "A,B,...", description = "models whose shipped reference "
                + "results (the reports' published tables) are compared")
        String published;
        @Option(names = "--data", paramLabel = "FILE", description = "a data file or pack:NAME (with --models)")
        Path data;
        @Option(names = "--crosswalk", paramLabel = "FILE", description = "domain crosswalk (default: conf/crosswalk.json)")
        Path crosswalk;
        @Option(names = "--top", defaultValue = "10", description = "depth of rank-biased overlap and movers per pair")
        int top;
        @Option(names = "--format", defaultValue = "table", description = "table or json")
        Format format;
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
            ConcordanceAnalysis analysis = cli.analysis().concordance().get();
            if (analysis == null) {
                throw new UserError(FAILED, "this runtime has no concordance analysis (bundle org.cityeval.analysis)");
            }
            if ((models == null) == (published == null)) {
                throw new UserError(BAD_INPUT, "compare: give --models A,B --data FILE, or --published A,B");
            }
            List<EvaluationResult> results = new ArrayList<>();
            List<EvaluationFailure> failed = new ArrayList<>();
            if (published != null) {
                for (String id : split(published)) {
                    results.add(cli.reproduce(cli.model(id)));
                }
            } else {
                if (data == null) {
                    throw new UserError(BAD_INPUT, "compare --models needs --data FILE");
                }
                CityDataset dataset = cli.readFile(data);
                EvaluationOptions options = run.options();
                List<String> ids = split(models);
                if (ids.size() < 2) {
                    throw new UserError(BAD_INPUT, "compare: name at least two models");
                }
                for (String id : ids) {
                    LoadedModel m = cli.model(id);
                    try {
                        results.add(cli.evaluator().evaluate(m.model(), dataset, options));
                    } catch (EvaluationFailure f) {
                        // one model's failure is reported; the others are still compared
                        failed.add(f);
                    }
                }
            }
            if (results.size() < 2) {
                if (!failed.isEmpty()) {
                    throw new UserError(EVALUATION_FAILED, "compare: fewer than two models could be evaluated; "
                            + String.join("; ", failed.stream().map(EvaluationFailure::getMessage).toList()));
                }
                throw new UserError(BAD_INPUT, "compare: name at least two models");
            }
            List<String> ids = results.stream().map(r -> r.model().id()).toList();
            Concordance c = analysis.compare(results, crosswalk(ids), top,
                    failed.stream().map(Concordance.Failed::of).toList());
            String text = switch (format) {
                case json -> Json.write(c);
                case table -> Reports.concordance(c);
                case csv -> throw new UserError(BAD_INPUT, "compare: --format is table or json");
            };
            Cli.emit(text, out, spec.commandLine().getOut());
            for (EvaluationFailure f : failed) {
                spec.commandLine().getErr().println("cityeval: " + f.getMessage());
            }
            return failed.isEmpty() ? OK : EVALUATION_FAILED;
        }

        /** The declared crosswalk, restricted to the models compared. */
        private Map<String, Map<String, String>> crosswalk(List<String> ids) throws IOException {
            Path file = crosswalk;
            if (file == null && cli.analysis().home() != null) {
                file = cli.analysis().home().resolve("conf/crosswalk.json");
                if (!Files.isRegularFile(file)) {
                    return Map.of();
                }
            }
            if (file == null) {
                return Map.of();
            }
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                throw new UserError(BAD_INPUT, file + ": no such file");
            } catch (IOException e) {
                throw new UserError(BAD_INPUT, file + ": not a crosswalk: " + e.getMessage());
            }
            Map<String, Map<String, String>> out = new LinkedHashMap<>();
            JsonNode domains = root.path("domains");
            if (!domains.isArray()) {
                throw new UserError(BAD_INPUT, file + ": expected {\"domains\": [{\"name\": ..., \"nodes\": {model: node}}]}");
            }
            for (JsonNode d : domains) {
                Map<String, String> nodes = new LinkedHashMap<>();
                d.path("nodes").fields().forEachRemaining(e -> {
                    if (ids.contains(e.getKey())) {
                        nodes.put(e.getKey(), e.getValue().asText());
                    }
                });
                if (nodes.size() >= 2) {
                    out.put(d.path("name").asText(), nodes);
                }
            }
            return out;
        }
    }

    @Command(name = "uncertainty", description = "Monte Carlo uncertainty and Sobol sensitivity analysis: per city "
            + "the nominal rank, median and 5-95% band; first-order and total indices of each uncertain choice.")
    static final class Uncertainty implements Callable<Integer> {
        private final Cli cli;
        @Option(names = "--model", paramLabel = "ID[,ID...]", description = "a model, or several: the choice of "
                + "model is then uncertain too")
        String model;
        @Option(names = "--data", paramLabel = "FILE", description = "a data file or pack:NAME (with --model)")
        Path data;
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
        @Option(names = "--normalise", paramLabel = "M,...", description = "alternatives, e.g. min-max,rank")
        String normalise;
        @Option(names = "--aggregate", paramLabel = "M,...", description = "alternatives, e.g. arithmetic,geometric")
        String aggregate;
        @Option(names = "--winsorise", paramLabel = "A-B", description = "winsorisation limits, e.g. 1-5")
        String winsorise;
        @Option(names = "--sobol", description = "estimate Sobol indices (Saltelli sampling, Jansen estimators)")
        boolean sobol;
        @Option(names = "--format", defaultValue = "table", description = "table or json")
        Format format;
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
            UncertaintyAnalysis analysis = cli.analysis().uncertainty().get();
            if (analysis == null) {
                throw new UserError(FAILED, "this runtime has no uncertainty analysis");
            }
            List<EvaluationModel> ms = new ArrayList<>();
            CityDataset dataset;
            if (coinrMeta != null || coinrData != null) {
                if (coinrMeta == null || coinrData == null || model != null) {
                    throw new UserError(BAD_INPUT, "uncertainty: give --coinr-meta and --coinr-data, or --model and --data");
                }
                ModelFormat.Imported imported = cli.readCoinrFiles(coinrMeta, coinrData);
                ms.add(cli.catalog().read(coinrMeta.toString(), imported.descriptor()));
                dataset = imported.data();
            } else {
                if (model == null || data == null) {
                    throw new UserError(BAD_INPUT, "uncertainty: give --model ID --data FILE (or the COINr files)");
                }
                for (String id : split(model)) {
                    ms.add(cli.model(id).model());
                }
                dataset = cli.readFile(data);
            }
            if (replications < 2) {
                throw new UserError(BAD_INPUT, "--replications " + replications + ": at least 2");
            }
            UncertaintySpec s;
            try {
                s = new UncertaintySpec(replications, seed, threads, noise(), normalise == null ? List.of()
                        : split(normalise).stream().map(NormalisationChoice::parse).toList(), aggregate == null
                                ? List.of() : split(aggregate).stream().map(AggregationChoice::parse).toList(),
                        winsorisation(), sobol, run.options().missing());
            } catch (IllegalArgumentException e) {
                throw new UserError(BAD_INPUT, "uncertainty: " + e.getMessage());
            }
            int inputs = s.weightNoise().size() + (s.normalisations().size() > 1 ? 1 : 0)
                    + (s.aggregations().size() > 1 ? 1 : 0) + (s.winsorisation().isEmpty() ? 0 : 1)
                    + (ms.size() > 1 ? 1 : 0);
            int total = sobol ? replications * (inputs + 2) : replications;
            UncertaintyResult r = analysis.run(ms, dataset, s, progressBar(total));
            String text = switch (format) {
                case json -> Json.write(r);
                case table -> Reports.uncertainty(r);
                case csv -> throw new UserError(BAD_INPUT, "uncertainty: --format is table or json");
            };
            Cli.emit(text, out, spec.commandLine().getOut());
            return OK;
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
        private IntConsumer progressBar(int total) {
            if (System.console() == null) {
                return null;
            }
            PrintWriter err = spec.commandLine().getErr();
            return done -> {
                int width = 30;
                int filled = (int) Math.min(width, (long) width * done / Math.max(1, total));
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
                + "shipped reference data)")
        Path data;
        @Option(names = "--title", description = "the report's title")
        String title;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "report.html or result.xlsx")
        Path out;
        @CommandLine.Mixin
        Cli.RunOptions run;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Report(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws Exception {
            ReportWriter writer = cli.analysis().reports().get();
            if (writer == null) {
                throw new UserError(FAILED, "this runtime has no report writer (bundle org.cityeval.web)");
            }
            String name = out.getFileName().toString().toLowerCase();
            String format = name.endsWith(".html") || name.endsWith(".htm") ? "html" : name.endsWith(".xlsx") ? "xlsx" : null;
            if (format == null || !writer.formats().contains(format)) {
                throw new UserError(BAD_INPUT, "--out " + out + ": a .html or .xlsx file");
            }
            List<ReportWriter.Evaluated> evaluations = new ArrayList<>();
            CityDataset dataset = data == null ? null : cli.readFile(data);
            for (String id : split(models)) {
                LoadedModel m = cli.model(id);
                EvaluationResult r = dataset == null ? cli.reproduce(m)
                        : cli.evaluator().evaluate(m.model(), dataset, run.options());
                evaluations.add(new ReportWriter.Evaluated(m.model(), r));
            }
            Concordance comparison = null;
            ConcordanceAnalysis analysis = cli.analysis().concordance().get();
            if (evaluations.size() > 1 && analysis != null) {
                comparison = analysis.compare(evaluations.stream().map(ReportWriter.Evaluated::result).toList(), Map.of(), 10);
            }
            String t = title != null ? title : String.join(" · ", split(models));
            Cli.emitBytes(writer.write(format, new ReportWriter.Report(t, evaluations, comparison, null)), out);
            spec.commandLine().getOut().println("wrote " + out);
            return OK;
        }
    }

    @Command(name = "weights", description = "Derives the weights of a node's children with a weighting method "
            + "(equal, fixed, expert-survey, ahp, entropy, critic, pca) and can write them as the model's weight "
            + "configuration (conf/models/ID.json) with their provenance.")
    static final class Weights implements Callable<Integer> {
        private final Cli cli;
        @Option(names = "--model", required = true, paramLabel = "ID", description = "model id")
        String id;
        @Option(names = "--node", paramLabel = "NODE", defaultValue = "total", description = "the parent (default: total)")
        String node;
        @Option(names = "--method", required = true, paramLabel = "M", description = "weighting method")
        String method;
        @Option(names = "--data", paramLabel = "FILE", description = "data for data-driven methods (entropy, critic, pca)")
        Path data;
        @Option(names = "--params", paramLabel = "FILE", description = "method parameters as JSON, e.g. an AHP matrix")
        Path params;
        @Option(names = "--write-config", description = "write the derived weights to conf/models/ID.json")
        boolean write;
        @Option(names = "--format", defaultValue = "table", description = "table or json")
        Format format;
        @CommandLine.Mixin
        Cli.RunOptions run;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Weights(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws Exception {
            LoadedModel lm = cli.model(id);
            WeightDerivation derivation = cli.analysis().derivation().get();
            if (derivation == null) {
                throw new UserError(FAILED, "this runtime has no weighting methods (bundle org.cityeval.weighting)");
            }
            Map<String, Object> parameters = Map.of();
            if (params != null) {
                try {
                    parameters = Json.MAPPER.readValue(Files.readAllBytes(params), new TypeReference<Map<String, Object>>() {
                    });
                } catch (NoSuchFileException e) {
                    throw new UserError(BAD_INPUT, params + ": no such file");
                } catch (IOException e) {
                    throw new UserError(BAD_INPUT, params + ": not a JSON object: " + e.getMessage());
                }
            }
            DerivedWeights r = derivation.derive(lm.model(), node, method, parameters,
                    data == null ? null : cli.readFile(data), run.options());
            Path written = write ? writeConfig(r) : null;
            String text = switch (format) {
                case json -> {
                    ObjectNode json = Json.MAPPER.valueToTree(r);
                    if (written != null) {
                        json.put("written", written.toString());
                    }
                    yield Json.write(json);
                }
                case table -> Reports.weights(r, written);
                case csv -> throw new UserError(BAD_INPUT, "weights: --format is table or json");
            };
            Cli.emit(text, null, spec.commandLine().getOut());
            return OK;
        }

        private Path writeConfig(DerivedWeights r) throws IOException {
            Path home = cli.analysis().home();
            if (home == null) {
                throw new UserError(FAILED, "--write-config needs the distribution's folder");
            }
            for (DerivedWeights.Row c : r.weights()) {
                if (!c.provenance().equals(Provenance.ASSUMED.toString())
                        && !c.provenance().equals(Provenance.INFERRED.toString())) {
                    throw new UserError(BAD_INPUT, "--write-config: the weight of '" + c.id() + "' is " + c.provenance()
                            + "; only assumed or inferred weights can be set by configuration");
                }
            }
            Path file = home.resolve("conf/models/" + r.model() + ".json");
            org.cityeval.store.AtomicFiles.createDirectories(file.getParent());
            ObjectNode root = Files.isRegularFile(file) ? (ObjectNode) Json.MAPPER.readTree(Files.readAllBytes(file))
                    : Json.MAPPER.createObjectNode();
            ObjectNode w = root.has("weights") ? (ObjectNode) root.get("weights") : root.putObject("weights");
            String source = data == null ? "" : " from " + data;
            for (DerivedWeights.Row c : r.weights()) {
                ObjectNode entry = w.putObject(c.id());
                entry.put("value", c.points());
                entry.put("provenance", "derived");
                entry.put("note", method + " weights" + source);
            }
            Cli.emit(Json.write(root), file, null);
            return file;
        }
    }
}

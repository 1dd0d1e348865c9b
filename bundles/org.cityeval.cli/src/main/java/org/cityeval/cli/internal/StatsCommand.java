package org.cityeval.cli.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.cityeval.api.analysis.IndexStatisticsResult;
import org.cityeval.api.analysis.IndexStatisticsResult.Correlation;
import org.cityeval.api.analysis.IndexStatisticsResult.Flag;
import org.cityeval.api.analysis.IndexStatisticsResult.NodeStats;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.OutputFormat;
import org.cityeval.api.workflow.StatisticsRequest;
import org.cityeval.api.workflow.StatisticsWorkflow;
import org.cityeval.api.workflow.WorkflowException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cityeval stats}: statistics of a model's index per inner node (correlations between the children, of
 * each child with the node and the index, flags, Cronbach's alpha, PCA). The numbers are
 * {@link StatisticsWorkflow}'s; this only formats.
 */
@Command(name = "stats", description = "Statistics of an index per node: Pearson and Spearman correlations between "
        + "its children and of each child with the node and the index, flags for collinear (r > 0.9) and negative "
        + "(r < -0.4) pairs, Cronbach's alpha and principal components of the children.")
final class StatsCommand implements Callable<Integer> {
    private final Supplier<StatisticsWorkflow> workflow;

    @Option(names = "--model", paramLabel = "ID", description = "a loaded model")
    String model;
    @Option(names = "--data", paramLabel = "FILE", description = "a data file or pack:NAME (with --model)",
            converter = Cli.Sources.class)
    DataSource data;
    @Option(names = "--coinr-meta", paramLabel = "FILE", description = "a COINr iMeta CSV instead of --model")
    Path coinrMeta;
    @Option(names = "--coinr-data", paramLabel = "FILE", description = "the COINr iData CSV")
    Path coinrData;
    @Option(names = "--node", paramLabel = "ID", description = "one inner node (default: every inner node)")
    String node;
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", converter = Cli.TableCsvOrJson.class,
            description = "table, csv or json")
    OutputFormat format;
    @Option(names = "--out", paramLabel = "FILE", description = "write here instead of standard output")
    Path out;
    @CommandLine.Mixin
    Cli.RunOptions run;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** @param workflow the service, read when the command runs ({@code null}: not in this runtime) */
    StatsCommand(Supplier<StatisticsWorkflow> workflow) {
        this.workflow = workflow;
    }

    @Override
    public Integer call() throws Exception {
        StatisticsRequest request;
        if (coinrMeta != null || coinrData != null) {
            if (coinrMeta == null || coinrData == null || model != null) {
                throw new Cli.UserError(Cli.BAD_INPUT, "stats: give --coinr-meta and --coinr-data, or --model and --data");
            }
            request = StatisticsRequest.coinr(DataSource.file(coinrMeta), DataSource.file(coinrData), node);
        } else {
            if (model == null || data == null) {
                throw new Cli.UserError(Cli.BAD_INPUT, "stats: give --model ID --data FILE (or the COINr files)");
            }
            request = StatisticsRequest.of(model, data, node);
        }
        StatisticsWorkflow w = workflow.get();
        if (w == null) {
            throw WorkflowException.unavailable("the statistics workflow (bundle org.cityeval.workflow) is");
        }
        IndexStatisticsResult r = w.run(request.options(run.options()));
        String text = switch (format) {
            case JSON -> Json.write(r);
            case CSV -> csv(r);
            default -> table(r);
        };
        Cli.emit(text, out, spec.commandLine().getOut());
        return Cli.OK;
    }

    static String num(Double v, int digits) {
        return v == null ? "—" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    static String table(IndexStatisticsResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("model ").append(r.model()).append(", ").append(r.cities()).append(" cities\n");
        for (NodeStats n : r.nodes()) {
            sb.append('\n').append("node ").append(n.node()).append(" (level ").append(n.level()).append(", ")
                    .append(n.children().size()).append(" children)  Cronbach's alpha ").append(num(n.cronbach(), 3));
            if (n.pca() != null) {
                sb.append("  PC1 explains ").append(num(n.pca().explained().get(0) * 100, 1)).append("% (")
                        .append(n.pca().rows()).append(" cities)");
            }
            sb.append('\n');
            TextTable t = new TextTable("child", ">r with node", ">rho with node", ">r with index", ">PC1 loading");
            for (int i = 0; i < n.children().size(); i++) {
                String c = n.children().get(i);
                Correlation p = n.withParent().get(i);
                Correlation x = n.withIndex().isEmpty() ? null : n.withIndex().get(i);
                t.row(c, num(p.pearson(), 3), num(p.spearman(), 3), x == null ? "—" : num(x.pearson(), 3),
                        n.pca() == null ? "—" : num(n.pca().pc1().get(c), 3));
            }
            sb.append(t.render());
            if (!n.pairs().isEmpty()) {
                TextTable m = new TextTable(header(n));
                for (String a : n.children()) {
                    Object[] row = new Object[n.children().size() + 1];
                    row[0] = a;
                    for (int j = 0; j < n.children().size(); j++) {
                        String b = n.children().get(j);
                        row[j + 1] = a.equals(b) ? "1" : num(pearson(n, a, b), 2);
                    }
                    m.row(row);
                }
                sb.append("Pearson's r between the children:\n").append(m.render());
            }
            for (Flag f : n.flags()) {
                sb.append("flag: ").append(f.a()).append(" / ").append(f.b()).append(' ').append(f.kind())
                        .append(", r = ").append(num(f.pearson(), 3)).append('\n');
            }
        }
        sb.append('\n');
        for (String note : r.notes()) {
            sb.append("note: ").append(note).append('\n');
        }
        return sb.toString();
    }

    private static String[] header(NodeStats n) {
        String[] h = new String[n.children().size() + 1];
        h[0] = "r";
        for (int i = 0; i < n.children().size(); i++) {
            h[i + 1] = ">" + n.children().get(i);
        }
        return h;
    }

    private static Double pearson(NodeStats n, String a, String b) {
        for (Correlation c : n.pairs()) {
            if (c.a().equals(a) && c.b().equals(b) || c.a().equals(b) && c.b().equals(a)) {
                return c.pearson();
            }
        }
        return null;
    }

    /** One row per pair: children with each other, each child with its node and with the index. */
    static String csv(IndexStatisticsResult r) {
        StringBuilder sb = new StringBuilder("node,kind,a,b,pearson,spearman,n,flag\n");
        for (NodeStats n : r.nodes()) {
            for (Correlation c : n.pairs()) {
                String flag = "";
                for (Flag f : n.flags()) {
                    if (f.a().equals(c.a()) && f.b().equals(c.b())) {
                        flag = f.kind();
                    }
                }
                row(sb, n.node(), "children", c, flag);
            }
            for (Correlation c : n.withParent()) {
                row(sb, n.node(), "with-node", c, "");
            }
            for (Correlation c : n.withIndex()) {
                row(sb, n.node(), "with-index", c, "");
            }
            sb.append(Reports.csvCell(n.node())).append(",cronbach,,,").append(n.cronbach() == null ? "" : n.cronbach())
                    .append(",,,\n");
            if (n.pca() != null) {
                for (int i = 0; i < n.pca().explained().size(); i++) {
                    sb.append(Reports.csvCell(n.node())).append(",pca-explained,PC").append(i + 1).append(",,")
                            .append(n.pca().explained().get(i)).append(",,").append(n.pca().rows()).append(",\n");
                }
                n.pca().pc1().forEach((c, v) -> sb.append(Reports.csvCell(n.node())).append(",pc1-loading,")
                        .append(Reports.csvCell(c)).append(",,").append(v).append(",,").append(n.pca().rows())
                        .append(",\n"));
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String node, String kind, Correlation c, String flag) {
        sb.append(Reports.csvCell(node)).append(',').append(kind).append(',').append(Reports.csvCell(c.a())).append(',')
                .append(Reports.csvCell(c.b())).append(',').append(c.pearson() == null ? "" : c.pearson()).append(',')
                .append(c.spearman() == null ? "" : c.spearman()).append(',').append(c.n()).append(',').append(flag)
                .append('\n');
    }
}

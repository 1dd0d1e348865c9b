package org.cityeval.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.cityeval.api.workflow.CollectionForm;
import org.cityeval.api.workflow.FormRequest;
import org.cityeval.api.workflow.FormWorkflow;
import org.cityeval.api.workflow.WorkflowException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cityeval form}: a collection form (XLSX) for the values the models need, for a set of cities and years.
 * The form is {@link FormWorkflow}'s; this parses the options, writes the file atomically and says what it holds.
 */
@Command(name = "form", description = "Writes a collection form (XLSX) an institution can send to city departments: "
        + "a row per city and year, a column per value the models need (with a ':source' column beside each), data "
        + "validation with the allowed ranges, the definitions and instructions. 'evaluate --data F.xlsx' reads it "
        + "filled in as it is.")
final class FormCommand implements Callable<Integer> {
    private final Supplier<FormWorkflow> workflow;

    @Option(names = "--model", required = true, split = ",", paramLabel = "ID[,ID...]",
            description = "the models whose values the form asks for")
    List<String> models;
    @Option(names = "--cities", split = ",", paramLabel = "CITY[,CITY...]",
            description = "cities by name, pinyin or adcode (default: every city, of --province if given)")
    List<String> cities;
    @Option(names = "--province", paramLabel = "PROVINCE", description = "the cities of one province (name, short "
            + "name or adcode); with --cities, narrows ambiguous names")
    String province;
    @Option(names = "--years", paramLabel = "YEARS", description = "years, e.g. 2021-2023 or 2021,2023")
    String years;
    @Option(names = "--year", paramLabel = "YEAR", description = "one year (default: last year)")
    Integer year;
    @Option(names = "--lang", defaultValue = "zh", paramLabel = "zh|en",
            description = "the language of sheet names, labels and instructions (default zh)")
    String lang;
    @Option(names = "--out", required = true, paramLabel = "F.xlsx", description = "the workbook to write")
    Path out;
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** @param workflow the service, read when the command runs ({@code null}: not in this runtime) */
    FormCommand(Supplier<FormWorkflow> workflow) {
        this.workflow = workflow;
    }

    @Override
    public Integer call() throws Exception {
        FormWorkflow w = workflow.get();
        if (w == null) {
            throw WorkflowException.unavailable("the form workflow (bundle org.cityeval.report) is");
        }
        if (years != null && year != null) {
            throw WorkflowException.invalid("give --years or --year, not both");
        }
        FormRequest request = new FormRequest(models).cities(cities).province(province).lang(lang)
                .years(year != null ? List.of(year) : years(years));
        CollectionForm form = w.form(request);
        Cli.emitBytes(w.workbook(request), out);
        spec.commandLine().getOut().println("wrote " + out + ": " + form.cities().size() + " cities × "
                + form.years().size() + " year(s), " + form.fields().size() + " value columns for "
                + String.join(", ", form.models()));
        spec.commandLine().getOut().flush();
        return Cli.OK;
    }

    /** {@code 2021-2023}, {@code 2021,2023} or both mixed; {@code null} for none. */
    static List<Integer> years(String text) {
        List<Integer> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split(",")) {
            String p = part.strip();
            try {
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    int from = Integer.parseInt(p.substring(0, dash).strip());
                    int to = Integer.parseInt(p.substring(dash + 1).strip());
                    if (to < from || to - from > 200) {
                        throw WorkflowException.invalid("--years: " + WorkflowException.quote(p)
                                + " is not a range of years like 2021-2023");
                    }
                    for (int y = from; y <= to; y++) {
                        out.add(y);
                    }
                } else {
                    out.add(Integer.parseInt(p));
                }
            } catch (NumberFormatException e) {
                throw WorkflowException.invalid("--years: " + WorkflowException.quote(p)
                        + " is not a year or a range like 2021-2023");
            }
        }
        return out;
    }
}

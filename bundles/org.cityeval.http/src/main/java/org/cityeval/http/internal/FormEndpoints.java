package org.cityeval.http.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.cityeval.api.workflow.FormRequest;
import org.cityeval.api.workflow.FormWorkflow;
import org.cityeval.api.workflow.OutputFormat;

/** Collection forms: as {@code cityeval form}, the workbook as the answer. */
final class FormEndpoints {
    private final Supplier<FormWorkflow> forms;

    FormEndpoints(Supplier<FormWorkflow> forms) {
        this.forms = forms;
    }

    /**
     * {@code GET /api/form?models=ID[,ID]&province=P&cities=A,B&years=2021-2023&lang=zh}: the XLSX form
     * ({@code year=Y} for one year); an unknown model is 404, an unknown city or province or a bad year 400.
     */
    Object form(Call call) throws IOException {
        FormWorkflow w = forms.get();
        if (w == null) {
            throw HttpError.unavailable("the form workflow (bundle org.cityeval.report) is");
        }
        String models = call.query("models");
        if (models == null || models.isBlank()) {
            throw HttpError.badRequest("models: required, e.g. models=ccid-digital-city-2020");
        }
        String years = call.query("years");
        String year = call.query("year");
        if (years != null && year != null) {
            throw HttpError.badRequest("years, year: give one of them");
        }
        FormRequest request = new FormRequest(list(models)).cities(list(call.query("cities")))
                .province(call.query("province")).years(years(years != null ? years : year, years != null ? "years" : "year"))
                .lang(call.query("lang"));
        byte[] book = w.workbook(request);
        String name = "cityeval-form-" + request.models().get(0).replaceAll("[^A-Za-z0-9._-]", "_") + ".xlsx";
        return new Download(book, OutputFormat.XLSX.mediaType(), name);
    }

    private static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<Integer> years(String text, String field) {
        List<Integer> out = new ArrayList<>();
        for (String p : list(text)) {
            try {
                int dash = p.indexOf('-', 1);
                if (dash < 0) {
                    out.add(Integer.parseInt(p));
                    continue;
                }
                int from = Integer.parseInt(p.substring(0, dash).strip());
                int to = Integer.parseInt(p.substring(dash + 1).strip());
                if (to < from || to - from > 200) {
                    throw new NumberFormatException();
                }
                for (int y = from; y <= to; y++) {
                    out.add(y);
                }
            } catch (NumberFormatException e) {
                throw HttpError.badRequest(field + ": " + HttpError.quote(p) + " is not a year or a range like 2021-2023");
            }
        }
        return out;
    }
}

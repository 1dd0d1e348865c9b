package org.cityeval.http.internal;

import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.service.PanelOptions;

/**
 * A panel's fields, shared by {@code /api/evaluate} and {@code /api/report}: {@code "years"} ({@code "all"},
 * {@code "2019-2023"}, {@code "2019,2021"}), {@code "normalise"} ({@code year|panel}), and {@code "missing"},
 * which may also be {@code interpolate} or {@code locf} (over each city's years) — then the run keeps the model's
 * own missing-data policy and the panel imputes over the years.
 */
final class PanelRequests {
    private PanelRequests() {
    }

    /** The panel's choices and the run's options. */
    record Panel(PanelOptions panel, EvaluationOptions options) {
    }

    /** @return the panel of {@code "years"}, or {@code null} without one ({@code "normalise"} alone is refused) */
    static Panel of(Fields f) {
        if (!f.has("years")) {
            if (f.has("normalise")) {
                throw HttpError.badRequest(f.path("normalise") + ": only with \"years\" (a panel of several years)");
            }
            return null;
        }
        if (f.has("year")) {
            throw HttpError.badRequest(f.path("year") + ": one year or a panel of \"years\", not both");
        }
        String missing = f.optText("missing");
        boolean timeSeries = missing != null && (missing.equalsIgnoreCase(PanelOptions.INTERPOLATE)
                || missing.equalsIgnoreCase(PanelOptions.LOCF));
        PanelOptions panel;
        try {
            panel = new PanelOptions(PanelOptions.parseYears(f.optText("years")), f.optText("normalise"),
                    timeSeries ? missing : null);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("years") ? "years"
                    : e.getMessage().startsWith("normalise") ? "normalise" : "missing";
            throw HttpError.badRequest(f.path(field) + ": " + e.getMessage());
        }
        EvaluationOptions options = new EvaluationOptions(timeSeries ? null : DataRequests.missing(f), null, null,
                f.optBool("clamp", false), f.optNumber("coverageThreshold", 0, 1), f.optText("treatment"));
        return new Panel(panel, options);
    }
}

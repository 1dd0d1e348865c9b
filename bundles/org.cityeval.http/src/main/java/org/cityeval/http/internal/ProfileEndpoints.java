package org.cityeval.http.internal;

import java.io.IOException;
import java.util.Set;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.workflow.EvaluateRequest;
import org.cityeval.api.workflow.OutputFormat;

/** City profiles, the pipeline's intermediate datasets and leave-one-out: parse, call the workflow, answer. */
final class ProfileEndpoints {
    static final Set<String> PROFILE = Set.copyOf(Fields.names(DataEndpoints.fields("model", true), "city", "top",
            "bottom"));
    static final Set<String> STAGES = DataEndpoints.fields("model", true);
    static final Set<String> LEAVE_ONE_OUT = Set.copyOf(Fields.names(DataEndpoints.fields("model", true), "level"));

    private final Services services;

    ProfileEndpoints(Services services) {
        this.services = services;
    }

    private static EvaluateRequest request(Fields f) throws IOException {
        return new EvaluateRequest(f.text("model"), DataRequests.source(f)).options(DataRequests.options(f));
    }

    /** {@code POST /api/profile}: {@code {"model", data..., options, "city", "top", "bottom"}}; a CityProfile. */
    Object profile(Call call) throws IOException, BadInputException {
        Fields f = call.fields(PROFILE);
        String city = f.text("city");
        Integer top = f.optInt("top", 0, 1000);
        Integer bottom = f.optInt("bottom", 0, 1000);
        return services.evaluations().profile(request(f), city, top == null ? 5 : top, bottom == null ? 5 : bottom);
    }

    /**
     * {@code POST /api/stages?format=json|xlsx}: {@code {"model", data..., options}}; every stage of the pipeline
     * (json, the default), or the workbook of them (xlsx: a README sheet and a sheet per stage) as a download.
     */
    Object stages(Call call) throws IOException, BadInputException {
        String format = call.query("format");
        if (format == null || format.equals("json")) {
            return services.evaluations().stages(request(call.fields(STAGES)));
        }
        if (!format.equals("xlsx")) {
            throw HttpError.badRequest("?format=" + format + ": expected json or xlsx");
        }
        EvaluateRequest request = request(call.fields(STAGES));
        byte[] book = services.reports().stagesWorkbook(request);
        return new Download(book, OutputFormat.XLSX.mediaType(), "cityeval-stages-" + request.model() + ".xlsx");
    }

    /** {@code POST /api/leave-one-out}: {@code {"model", data..., options, "level"}}; rank shifts per removal. */
    Object leaveOneOut(Call call) throws IOException, BadInputException {
        Fields f = call.fields(LEAVE_ONE_OUT);
        String level = f.optText("level");
        level = level == null ? "indicator" : level;
        if (!level.equals("indicator") && !level.equals("domain")) {
            throw HttpError.badRequest(f.path("level") + ": '" + level + "': expected indicator or domain");
        }
        return services.evaluations().leaveOneOut(request(f), level);
    }
}

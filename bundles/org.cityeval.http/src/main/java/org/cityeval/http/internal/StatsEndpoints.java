package org.cityeval.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Supplier;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.model.MissingData;
import org.cityeval.api.service.EvaluationOptions;
import org.cityeval.api.workflow.DataSource;
import org.cityeval.api.workflow.StatisticsRequest;
import org.cityeval.api.workflow.StatisticsWorkflow;

/** Statistics of an index ({@code cityeval stats}): correlations, flags, Cronbach's alpha and PCA per node. */
final class StatsEndpoints {
    static final Set<String> STATS = Set.copyOf(Fields.names(DataEndpoints.fields("model", true), "node", "iMeta",
            "iData"));

    private final Supplier<StatisticsWorkflow> workflow;

    /** @param workflow the service, read at each call ({@code null}: answered 503) */
    StatsEndpoints(Supplier<StatisticsWorkflow> workflow) {
        this.workflow = workflow;
    }

    private StatisticsWorkflow workflow() {
        StatisticsWorkflow w = workflow.get();
        if (w == null) {
            throw HttpError.unavailable("the statistics workflow (bundle org.cityeval.workflow)");
        }
        return w;
    }

    /** {@code GET /api/stats?model=ID&pack=NAME[&node=ID][&missing=METHOD]}: as {@code cityeval stats --format json}. */
    Object get(Call call) throws IOException, BadInputException {
        String model = call.query("model");
        String pack = call.query("pack");
        if (model == null || model.isBlank() || pack == null || pack.isBlank()) {
            throw HttpError.badRequest("give ?model=ID&pack=NAME (and optionally &node=ID); other data: POST /api/stats");
        }
        String node = call.query("node");
        String missing = call.query("missing");
        StatisticsRequest request = StatisticsRequest.of(model, DataSource.pack(pack),
                node == null || node.isBlank() ? null : node);
        if (missing != null && !missing.isBlank()) {
            try {
                request = request.options(new EvaluationOptions(MissingData.parse(missing, null), null, null));
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("?missing=" + e.getMessage());
            }
        }
        return workflow().run(request);
    }

    /**
     * {@code POST /api/stats}: {@code {"model": ID, data..., "node"}} or {@code {"iMeta": csv, "iData": csv,
     * "node"}}; as {@code cityeval stats --format json}.
     */
    Object post(Call call) throws IOException, BadInputException {
        Fields f = call.fields(STATS);
        String node = f.optText("node");
        if (f.has("iMeta") || f.has("iData")) {
            if (f.has("model") || DataRequests.given(f)) {
                throw HttpError.badRequest("give {\"iMeta\": csv, \"iData\": csv} or {\"model\": ID, data...}, not both");
            }
            return workflow().run(StatisticsRequest.coinr(
                    DataSource.inline("iMeta.csv", f.text("iMeta").getBytes(StandardCharsets.UTF_8)),
                    DataSource.inline("iData.csv", f.text("iData").getBytes(StandardCharsets.UTF_8)), node));
        }
        return workflow().run(StatisticsRequest.of(f.text("model"), DataRequests.source(f), node)
                .options(DataRequests.options(f)));
    }
}

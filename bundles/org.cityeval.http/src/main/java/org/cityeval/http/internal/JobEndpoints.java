package org.cityeval.http.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.cityeval.api.service.WorkbenchStore;
import org.cityeval.api.workflow.AnalysisJobs;
import org.cityeval.api.workflow.JobStatus;

/**
 * Long analyses in the background ({@link AnalysisJobs}) and the uploads the server keeps: {@code POST
 * /api/jobs/uncertainty} takes the body of {@code POST /api/uncertainty} and answers the job at once; {@code GET
 * /api/jobs/{id}} is polled for its progress, {@code DELETE /api/jobs/{id}} cancels it and {@code GET
 * /api/jobs/{id}/result} answers the result once done. {@code GET /api/datasets} lists the kept uploads.
 */
final class JobEndpoints {
    private final Supplier<AnalysisJobs> jobs;
    private final AnalysisEndpoints analysis;
    private final WorkbenchStore store;
    private final Services services;

    JobEndpoints(Supplier<AnalysisJobs> jobs, AnalysisEndpoints analysis, WorkbenchStore store, Services services) {
        this.jobs = jobs;
        this.analysis = analysis;
        this.store = store;
        this.services = services;
    }

    /**
     * {@code GET /api/uncertainty/choices}: the names an uncertainty request may choose among (normalisations,
     * aggregations, missing-data methods, the weighting methods of this runtime) and its limits, so that a front
     * end offers lists rather than free text.
     */
    Object choices(Call call) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("normalisations", java.util.Arrays.stream(org.cityeval.api.analysis.NormalisationChoice.values())
                .map(org.cityeval.api.analysis.NormalisationChoice::id).toList());
        out.put("aggregations", java.util.Arrays.stream(org.cityeval.api.analysis.AggregationChoice.values())
                .map(org.cityeval.api.analysis.AggregationChoice::id).toList());
        out.put("missing", java.util.Arrays.stream(org.cityeval.api.model.MissingData.Method.values())
                .map(org.cityeval.api.model.MissingData.Method::label).toList());
        java.util.List<String> weighting;
        try {
            weighting = java.util.List.copyOf(services.weights().methods());
        } catch (org.cityeval.api.workflow.WorkflowException e) {
            weighting = java.util.List.of(); // no weighting bundle in this runtime
        }
        out.put("weightingMethods", weighting);
        out.put("maxReplications", UncertaintyRequests.MAX_REPLICATIONS);
        out.put("maxRuns", UncertaintyRequests.MAX_RUNS);
        out.put("jobs", jobs.get() != null);
        return out;
    }

    private AnalysisJobs jobs() {
        AnalysisJobs j = jobs.get();
        if (j == null) {
            throw HttpError.unavailable("background analyses (bundle org.cityeval.workflow) are");
        }
        return j;
    }

    /** {@code POST /api/jobs/uncertainty}: the job, queued or running (429 when too many wait). */
    Object submit(Call call) throws IOException {
        AnalysisJobs j = jobs();
        try {
            return j.submit(analysis.uncertaintyRequest(call));
        } catch (IllegalStateException e) {
            throw new HttpError(429, e.getMessage());
        }
    }

    /** {@code GET /api/jobs}: the known jobs, newest first. */
    Object list(Call call) {
        return Map.of("jobs", jobs().jobs());
    }

    /** {@code GET /api/jobs/{id}}: the job's state, runs done of the total, progress 0..1, an estimate of the time left. */
    Object status(Call call) {
        String id = call.variable("id");
        return jobs().status(id).orElseThrow(() -> unknown(id));
    }

    /** {@code DELETE /api/jobs/{id}}: asks the job to stop; answers its state (cancelling, then cancelled). */
    Object cancel(Call call) {
        String id = call.variable("id");
        return jobs().cancel(id).orElseThrow(() -> unknown(id));
    }

    /** {@code GET /api/jobs/{id}/result}: the UncertaintyResult of a done job; 409 while it is not done. */
    Object result(Call call) {
        String id = call.variable("id");
        AnalysisJobs j = jobs();
        JobStatus s = j.status(id).orElseThrow(() -> unknown(id));
        return j.result(id).orElseThrow(() -> new HttpError(409, "job " + id + " is " + s.state().name().toLowerCase(
                java.util.Locale.ROOT) + (s.error() != null ? ": " + s.error() : "") + "; it has no result"));
    }

    private static HttpError unknown(String id) {
        return HttpError.notFound("no job " + HttpError.quote(id) + " (finished jobs are kept for a while, not across "
                + "restarts)");
    }

    /** {@code GET /api/datasets}: the uploads the server keeps, oldest first, with whether they survive a restart. */
    Object datasets(Call call) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("persistent", store.status().persistent());
        out.put("datasets", store.datasets());
        return out;
    }
}

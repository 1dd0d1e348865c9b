package org.cityeval.http.internal;

import java.util.List;

import org.cityeval.api.service.WorkbenchStore;

import org.cityeval.http.internal.Router.Route;

/**
 * Every route of the API, in one table. {@code src/main/resources/openapi.json} describes each of them; a
 * unit test keeps the two in step.
 */
final class Routes {
    private Routes() {
    }

    static Router build(Services services, WorkbenchStore store) {
        return build(services, store, () -> null);
    }

    /** @param statistics the statistics workflow, read at each call ({@code null}: 503) */
    static Router build(Services services, WorkbenchStore store,
            java.util.function.Supplier<org.cityeval.api.workflow.StatisticsWorkflow> statistics) {
        return build(services, store, statistics, () -> null, () -> null);
    }

    /**
     * @param cities the city registry, read at each call ({@code null}: 503 for {@code /api/cities})
     * @param jobs   the background analyses, read at each call ({@code null}: 503)
     */
    static Router build(Services services, WorkbenchStore store,
            java.util.function.Supplier<org.cityeval.api.workflow.StatisticsWorkflow> statistics,
            java.util.function.Supplier<org.cityeval.api.data.CityRegistry> cities,
            java.util.function.Supplier<org.cityeval.api.workflow.AnalysisJobs> jobs) {
        return build(services, store, statistics, cities, jobs, () -> null);
    }

    /** @param forms the collection-form workflow, read at each call ({@code null}: 503 for {@code /api/form}) */
    static Router build(Services services, WorkbenchStore store,
            java.util.function.Supplier<org.cityeval.api.workflow.StatisticsWorkflow> statistics,
            java.util.function.Supplier<org.cityeval.api.data.CityRegistry> cities,
            java.util.function.Supplier<org.cityeval.api.workflow.AnalysisJobs> jobs,
            java.util.function.Supplier<org.cityeval.api.workflow.FormWorkflow> forms) {
        return build(services, store, statistics, cities, jobs, forms, () -> null);
    }

    /** @param provenance where values came from, read at each call ({@code null}: 503 for {@code /api/provenance}) */
    static Router build(Services services, WorkbenchStore store,
            java.util.function.Supplier<org.cityeval.api.workflow.StatisticsWorkflow> statistics,
            java.util.function.Supplier<org.cityeval.api.data.CityRegistry> cities,
            java.util.function.Supplier<org.cityeval.api.workflow.AnalysisJobs> jobs,
            java.util.function.Supplier<org.cityeval.api.workflow.FormWorkflow> forms,
            java.util.function.Supplier<org.cityeval.api.workflow.ProvenanceWorkflow> provenance) {
        FormEndpoints form = new FormEndpoints(forms);
        ProvenanceEndpoints sources = new ProvenanceEndpoints(provenance);
        CityEndpoints names = new CityEndpoints(cities);
        NameEndpoints pinyin = new NameEndpoints(cities);
        StatsEndpoints stats = new StatsEndpoints(statistics);
        CatalogEndpoints catalog = new CatalogEndpoints(services);
        WorkbenchEndpoints workbench = new WorkbenchEndpoints(store);
        DataEndpoints datasets = new DataEndpoints(services, workbench);
        WhatIfEndpoints whatIf = new WhatIfEndpoints(services);
        AnalysisEndpoints analysis = new AnalysisEndpoints(services);
        VariableEndpoints variables = new VariableEndpoints(services);
        ProfileEndpoints profiles = new ProfileEndpoints(services);
        JobEndpoints background = new JobEndpoints(jobs, analysis, store, services);
        return new Router(List.of(
                new Route("GET", "/api/models", catalog::models),
                new Route("GET", "/api/models/{id}", catalog::tree),
                new Route("GET", "/api/models/{id}/reproduce", catalog::reproduce),
                new Route("GET", "/api/packs", catalog::packs),
                new Route("GET", "/api/variables", variables::variables),
                new Route("GET", "/api/form", form::form),
                new Route("GET", "/api/provenance", sources::provenance),
                new Route("GET", "/api/cities", names::cities),
                new Route("GET", "/api/messages", names::messages),
                new Route("GET", "/api/names", pinyin::names),
                new Route("GET", "/api/openapi.json", catalog::openapi),
                new Route("POST", "/api/validate", catalog::validate),
                new Route("POST", "/api/upload", datasets::upload),
                new Route("POST", "/api/evaluate", datasets::evaluate),
                new Route("POST", "/api/coverage", datasets::coverage),
                new Route("POST", "/api/quality", datasets::quality),
                new Route("POST", "/api/compare", analysis::compare),
                new Route("POST", "/api/profile", profiles::profile),
                new Route("POST", "/api/stages", profiles::stages),
                new Route("POST", "/api/leave-one-out", profiles::leaveOneOut),
                new Route("POST", "/api/uncertainty", analysis::uncertainty),
                new Route("GET", "/api/uncertainty/choices", background::choices),
                new Route("POST", "/api/jobs/uncertainty", background::submit),
                new Route("GET", "/api/jobs", background::list),
                new Route("GET", "/api/jobs/{id}", background::status),
                new Route("DELETE", "/api/jobs/{id}", background::cancel),
                new Route("GET", "/api/jobs/{id}/result", background::result),
                new Route("GET", "/api/datasets", background::datasets),
                new Route("POST", "/api/weights", analysis::weights),
                new Route("GET", "/api/models/{id}/weight-configurations", whatIf::list),
                new Route("PUT", "/api/models/{id}/weight-configurations/{name}", whatIf::put),
                new Route("GET", "/api/stats", stats::get),
                new Route("POST", "/api/stats", stats::post),
                new Route("POST", "/api/coinr/evaluate", analysis::coinrEvaluate),
                new Route("POST", "/api/report", analysis::report),
                new Route("GET", "/api/store", workbench::status),
                new Route("GET", "/api/results", workbench::results),
                new Route("GET", "/api/results/{id}", workbench::result),
                new Route("GET", "/api/workspaces", workbench::workspaces),
                new Route("GET", "/api/workspaces/{name}", workbench::workspace),
                new Route("PUT", "/api/workspaces/{name}", workbench::putWorkspace),
                new Route("DELETE", "/api/workspaces/{name}", workbench::deleteWorkspace)));
    }
}

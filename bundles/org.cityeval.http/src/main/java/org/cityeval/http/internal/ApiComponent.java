package org.cityeval.http.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.WorkbenchStore;
import org.cityeval.api.workflow.ComparisonWorkflow;
import org.cityeval.api.workflow.DataSources;
import org.cityeval.api.workflow.EvaluationWorkflow;
import org.cityeval.api.workflow.ModelLookup;
import org.cityeval.api.workflow.ReportWorkflow;
import org.cityeval.api.workflow.UncertaintyWorkflow;
import org.cityeval.api.workflow.ValidationWorkflow;
import org.cityeval.api.workflow.VariablesWorkflow;
import org.cityeval.api.workflow.WeightsWorkflow;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;

/**
 * Puts the API on the servlet whiteboard at {@code /api/*}. The servlet is registered here rather than
 * declared as a DS service because its multipart limits come from a framework property
 * ({@value ApiConfig#MAX_UPLOAD}), read at activation, and the whiteboard reads them from service properties.
 * <p>
 * The endpoints call the workflow services (bundle org.cityeval.workflow), which track the runtime's optional
 * services: an endpoint whose service is absent answers 503 and works once the service appears. The workbench
 * store (saved results, workspaces) is required.
 */
@Component(immediate = true)
public class ApiComponent {
    /** Service property the launcher waits for. */
    static final String MARKER = "cityeval.http";
    static final String PATTERN = "/api/*";

    private final ServiceRegistration<Servlet> registration;
    private final UploadGate uploads;
    /** Optional and dynamic: {@code /api/stats} answers 503 while absent. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile org.cityeval.api.workflow.StatisticsWorkflow statistics;
    /** Optional and dynamic: {@code /api/cities} answers 503 while absent. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile org.cityeval.api.data.CityRegistry cities;

    /** Optional and dynamic: {@code /api/jobs} answers 503 while absent. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile org.cityeval.api.workflow.AnalysisJobs jobs;

    /** Optional and dynamic: {@code /api/form} answers 503 while absent. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile org.cityeval.api.workflow.FormWorkflow forms;

    /** Optional and dynamic: {@code /api/provenance} answers 503 while absent. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    private volatile org.cityeval.api.workflow.ProvenanceWorkflow provenance;

    @Activate
    public ApiComponent(@Reference ModelCatalog catalog, @Reference ModelLookup lookup, @Reference DataSources sources,
            @Reference EvaluationWorkflow evaluations, @Reference ComparisonWorkflow comparison,
            @Reference UncertaintyWorkflow uncertainty, @Reference WeightsWorkflow weights,
            @Reference ReportWorkflow reports, @Reference WorkbenchStore workbench,
            @Reference VariablesWorkflow variables, BundleContext context, @Reference ValidationWorkflow validation) {
        ApiConfig config = ApiConfig.from(context::getProperty);
        Services services = new Services(catalog, lookup, sources, evaluations, comparison, uncertainty, weights, reports,
                variables, validation);
        this.uploads = new UploadGate(ServerLimits.from(context::getProperty), JettyServer::abort);
        ApiServlet servlet = new ApiServlet(Routes.build(services, workbench, () -> statistics, () -> cities, () -> jobs, () -> forms,
                () -> provenance),
                new RequestGuard(config.allowedHosts(), config.allowedOrigins()), config.maxUpload(), uploads);
        this.registration = context.registerService(Servlet.class, servlet, properties(config));
    }

    /** The whiteboard properties: pattern, name, multipart with the upload limit, and the launcher's marker. */
    static Dictionary<String, Object> properties(ApiConfig config) {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("osgi.http.whiteboard.servlet.pattern", PATTERN);
        p.put("osgi.http.whiteboard.servlet.name", "cityeval-api");
        p.put("osgi.http.whiteboard.servlet.multipart.enabled", Boolean.TRUE);
        p.put("osgi.http.whiteboard.servlet.multipart.maxFileSize", config.maxUpload());
        p.put("osgi.http.whiteboard.servlet.multipart.maxRequestSize", config.maxUpload() + Uploads.MULTIPART_OVERHEAD);
        p.put("osgi.http.whiteboard.servlet.multipart.maxFileCount", 4L);
        p.put(MARKER, "api");
        return p;
    }

    @Deactivate
    void deactivate() {
        uploads.close();
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
    }
}

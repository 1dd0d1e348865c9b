package org.cityeval.http.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cityeval.api.analysis.ConcordanceAnalysis;
import org.cityeval.api.analysis.UncertaintyAnalysis;
import org.cityeval.api.analysis.WeightDerivation;
import org.cityeval.api.service.DataPackCatalog;
import org.cityeval.api.service.DataQuality;
import org.cityeval.api.service.DatasetReader;
import org.cityeval.api.service.Evaluator;
import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.service.ReportWriter;
import org.cityeval.api.service.WorkbenchStore;
import org.cityeval.api.spi.ModelFormat;
import org.cityeval.api.spi.Rules;
import org.cityeval.api.spi.WeightingMethod;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import jakarta.servlet.Servlet;

/**
 * Puts the API on the servlet whiteboard at {@code /api/*}. The servlet is registered here rather than
 * declared as a DS service because its multipart limits come from a framework property
 * ({@value ApiConfig#MAX_UPLOAD}), read at activation, and the whiteboard reads them from service properties.
 * <p>
 * The model catalog, evaluator, dataset reader and workbench store (uploads, saved results, workspaces) are
 * required; everything else is optional and dynamic: an
 * endpoint whose service is absent answers 503 and works once the service appears.
 */
@Component(immediate = true)
public class ApiComponent {
    /** Service property the launcher waits for. */
    static final String MARKER = "cityeval.http";
    static final String PATTERN = "/api/*";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile DataQuality quality;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile DataPackCatalog packs;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ConcordanceAnalysis concordance;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile UncertaintyAnalysis uncertainty;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ReportWriter reports;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile WeightDerivation derivation;
    private final Map<String, ModelFormat> formats = new ConcurrentHashMap<>();
    private final Map<String, WeightingMethod> weighting = new ConcurrentHashMap<>();

    private final ServiceRegistration<Servlet> registration;
    private final DatasetStore store;

    @Activate
    public ApiComponent(@Reference ModelCatalog catalog, @Reference Evaluator evaluator, @Reference DatasetReader reader,
            @Reference WorkbenchStore workbench, BundleContext context) {
        ApiConfig config = ApiConfig.from(context::getProperty);
        Services services = new Services(catalog, evaluator, reader, () -> quality, () -> packs, () -> concordance,
                () -> uncertainty, () -> reports, formats::get, () -> Map.copyOf(weighting), () -> derivation);
        this.store = new DatasetStore(workbench, reader);
        ApiServlet servlet = new ApiServlet(Routes.build(services, store, config),
                new RequestGuard(config.allowedHosts(), config.allowedOrigins()), config.maxUpload());
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
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
        store.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + ModelFormat.NAME + "=*)")
    void addFormat(ModelFormat format, Map<String, Object> props) {
        formats.put(String.valueOf(props.get(ModelFormat.NAME)), format);
    }

    void removeFormat(ModelFormat format, Map<String, Object> props) {
        formats.remove(String.valueOf(props.get(ModelFormat.NAME)), format);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + Rules.NAME + "=*)")
    void addWeighting(WeightingMethod method, Map<String, Object> props) {
        weighting.put(String.valueOf(props.get(Rules.NAME)), method);
    }

    void removeWeighting(WeightingMethod method, Map<String, Object> props) {
        weighting.remove(String.valueOf(props.get(Rules.NAME)), method);
    }
}

package org.cityeval.workflow.internal;

import org.cityeval.api.workflow.AnalysisJobs;
import org.cityeval.api.workflow.UncertaintyWorkflow;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link AnalysisJobs} as a service: framework property {@value #PARALLEL} (jobs at once, default 1: an analysis
 * already uses every core), {@value #KEEP} finished jobs kept (default 20) and at most 8 waiting. Deactivating
 * cancels every job and waits for its thread.
 */
@Component(service = AnalysisJobs.class)
public class JobsComponent extends Jobs {
    static final String PARALLEL = "cityeval.jobs.parallelism";
    static final String KEEP = "cityeval.jobs.keep";

    @Activate
    public JobsComponent(@Reference UncertaintyWorkflow workflow, BundleContext context) {
        super(workflow, positive(PARALLEL, context.getProperty(PARALLEL), 1),
                positive(KEEP, context.getProperty(KEEP), 20), 8, System::nanoTime);
    }

    /** @throws IllegalArgumentException naming the property when its value is not a positive integer */
    static int positive(String property, String value, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw new IllegalArgumentException("framework property " + property + ": expected a positive integer, not '"
                    + value + "'");
        }
        return n;
    }

    @Deactivate
    void deactivate() {
        close();
    }
}

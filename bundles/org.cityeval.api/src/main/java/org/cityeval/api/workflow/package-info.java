/**
 * Workflows every front end shares: what {@code cityeval <command>}, the Gogo commands and the web API
 * do between parsing their arguments and formatting the result. A workflow is written once, here, as a
 * provider type the runtime implements (bundle {@code org.cityeval.workflow}); a front end parses its input
 * into a {@link org.cityeval.api.workflow.DataSource} and a request, calls the workflow and formats what it
 * returns. Errors a user can act on are {@link org.cityeval.api.workflow.WorkflowException}s with one text;
 * each front end maps their {@link org.cityeval.api.workflow.WorkflowException.Kind} to its exit code or
 * HTTP status.
 * <p>
 * Requests are small classes with fluent setters rather than records, so that a field added later is a
 * minor change for every consumer.
 * <p>
 * Example: {@code evaluations.evaluate(new EvaluateRequest("guomai-psdf-2024", DataSource.parse("pack:china-cities")))}.
 */
@Export
@Version("1.2.0")
package org.cityeval.api.workflow;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

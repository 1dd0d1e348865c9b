package org.cityeval.api.workflow;

import java.io.IOException;
import java.util.List;

import org.cityeval.api.data.BadInputException;
import org.osgi.annotation.versioning.ProviderType;

/** What a study publishes: the models' evaluations (and their comparison) as an HTML or XLSX report. */
@ProviderType
public interface ReportWorkflow {
    /** @return the formats of this runtime's report writer; @throws WorkflowException UNAVAILABLE without one */
    List<OutputFormat> formats();

    /** @return the report's bytes; @throws WorkflowException INVALID for a format the writer does not write */
    byte[] write(ReportRequest request) throws IOException, BadInputException;
}

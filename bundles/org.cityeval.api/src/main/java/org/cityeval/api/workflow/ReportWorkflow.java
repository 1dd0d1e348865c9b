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

    /**
     * The intermediate datasets of an evaluation ({@link EvaluationWorkflow#stages}) as an XLSX workbook: a README
     * sheet naming the model, the data and the run's options, then a sheet per stage.
     *
     * @throws WorkflowException UNAVAILABLE without the report writer or the pipeline's stages
     * @since 1.2
     */
    default byte[] stagesWorkbook(EvaluateRequest request) throws IOException, BadInputException {
        throw WorkflowException.unavailable("the intermediate datasets' workbook is");
    }
}

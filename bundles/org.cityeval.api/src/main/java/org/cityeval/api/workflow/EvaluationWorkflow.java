package org.cityeval.api.workflow;

import java.io.IOException;
import java.util.List;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.result.Coverage;
import org.cityeval.api.result.EvaluationResult;
import org.cityeval.api.result.QualityReport;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Evaluating one model: reproducing its report, on a {@link DataSource}, coverage, data quality, and models
 * read from COINr files. Example: {@code evaluations.reproduce("guomai-psdf-2024").checks()}.
 */
@ProviderType
public interface EvaluationWorkflow {
    /**
     * Evaluates the model's shipped reference data (the report's published table).
     *
     * @throws WorkflowException NOT_FOUND for an unknown model or one that ships no reference data
     */
    EvaluationResult reproduce(String model) throws IOException, BadInputException;

    EvaluationResult evaluate(EvaluateRequest request) throws IOException, BadInputException;

    /**
     * Evaluates the model on several years of the data source as a panel: the request's {@link
     * EvaluateRequest#panel} years, normalisation and time-series imputation.
     *
     * @throws BadInputException for data without years or a year they do not hold
     */
    default org.cityeval.api.result.PanelResult panel(EvaluateRequest request) throws IOException, BadInputException {
        throw new UnsupportedOperationException("panel evaluation is not available in this runtime");
    }

    /** @return one coverage per model: the request's, or every loaded model */
    List<Coverage> coverage(CoverageRequest request) throws IOException, BadInputException;

    /** @throws WorkflowException UNAVAILABLE without the data-quality service */
    QualityReport quality(DataSource data) throws IOException, BadInputException;

    /**
     * Reads a COINr iMeta/iData pair as a model and dataset.
     *
     * @throws WorkflowException UNAVAILABLE without the COINr format
     */
    ImportedModel coinr(DataSource meta, DataSource data) throws IOException, BadInputException;

    /**
     * A loaded model and a data source as COINr's files ({@code iMeta.csv}, {@code iData.csv}).
     *
     * @return file name to content
     * @throws WorkflowException UNAVAILABLE without the COINr format
     */
    java.util.Map<String, byte[]> exportCoinr(String model, DataSource data) throws IOException, BadInputException;

    /** Evaluates a COINr pair with COINr's defaults. */
    EvaluationResult evaluateCoinr(DataSource meta, DataSource data) throws IOException, BadInputException;

    /**
     * The profile of one unit of an evaluation: ranks of N per node, province rank, strengths and weaknesses
     * (COINr's {@code get_str_weak} rule).
     *
     * @throws WorkflowException UNAVAILABLE without the city-profile service
     */
    org.cityeval.api.analysis.CityProfile profile(EvaluateRequest request, String city, int topN, int bottomN)
            throws IOException, BadInputException;

    /**
     * Every stage of the pipeline of an evaluation, as the engine made it.
     *
     * @throws WorkflowException UNAVAILABLE without the city-profile service
     */
    org.cityeval.api.analysis.PipelineStages stages(EvaluateRequest request) throws IOException, BadInputException;

    /**
     * Leave-one-out: each indicator or level-1 domain removed in turn, with the rank shift each removal causes.
     *
     * @param level {@code indicator} or {@code domain}
     * @throws WorkflowException UNAVAILABLE without the city-profile service
     */
    org.cityeval.api.analysis.LeaveOneOut leaveOneOut(EvaluateRequest request, String level)
            throws IOException, BadInputException;
}

package org.cityeval.http.internal;

import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.workflow.ComparisonWorkflow;
import org.cityeval.api.workflow.DataSources;
import org.cityeval.api.workflow.EvaluationWorkflow;
import org.cityeval.api.workflow.ModelLookup;
import org.cityeval.api.workflow.ReportWorkflow;
import org.cityeval.api.workflow.UncertaintyWorkflow;
import org.cityeval.api.workflow.ValidationWorkflow;
import org.cityeval.api.workflow.VariablesWorkflow;
import org.cityeval.api.workflow.WeightsWorkflow;

/**
 * What the endpoints call: the model catalog (overview, validation) and the workflow services, which wire the
 * runtime's optional services and say which is absent (answered 503).
 */
record Services(ModelCatalog catalog, ModelLookup lookup, DataSources sources, EvaluationWorkflow evaluations,
        ComparisonWorkflow comparison, UncertaintyWorkflow uncertainty, WeightsWorkflow weights, ReportWorkflow reports,
        VariablesWorkflow variables, ValidationWorkflow validation) {
    /** Without the validation workflow: {@code POST /api/validate} answers 503. */
    Services(ModelCatalog catalog, ModelLookup lookup, DataSources sources, EvaluationWorkflow evaluations,
            ComparisonWorkflow comparison, UncertaintyWorkflow uncertainty, WeightsWorkflow weights, ReportWorkflow reports,
            VariablesWorkflow variables) {
        this(catalog, lookup, sources, evaluations, comparison, uncertainty, weights, reports, variables, null);
    }

    /** Without the variables workflow: {@code GET /api/variables} answers 503. */
    Services(ModelCatalog catalog, ModelLookup lookup, DataSources sources, EvaluationWorkflow evaluations,
            ComparisonWorkflow comparison, UncertaintyWorkflow uncertainty, WeightsWorkflow weights, ReportWorkflow reports,
            ValidationWorkflow validation) {
        this(catalog, lookup, sources, evaluations, comparison, uncertainty, weights, reports, null, validation);
    }
}

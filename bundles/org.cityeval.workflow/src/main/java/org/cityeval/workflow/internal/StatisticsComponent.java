package org.cityeval.workflow.internal;

import java.io.IOException;

import org.cityeval.api.analysis.CityProfiles;
import org.cityeval.api.analysis.IndexStatistics;
import org.cityeval.api.analysis.IndexStatisticsResult;
import org.cityeval.api.data.BadInputException;
import org.cityeval.api.data.CityDataset;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.workflow.DataSources;
import org.cityeval.api.workflow.EvaluationWorkflow;
import org.cityeval.api.workflow.ImportedModel;
import org.cityeval.api.workflow.ModelLookup;
import org.cityeval.api.workflow.StatisticsRequest;
import org.cityeval.api.workflow.StatisticsWorkflow;
import org.cityeval.api.workflow.WorkflowException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The statistics workflow: loads the model (or imports the COINr pair) and the data through the other
 * workflows, evaluates with the model's own missing-data treatment and hands the pipeline's stages (unrounded) to the
 * {@link IndexStatistics} service (optional: without it the workflow says which bundle is missing).
 */
@Component(service = StatisticsWorkflow.class)
public class StatisticsComponent implements StatisticsWorkflow {
    private final ModelLookup models;
    private final DataSources sources;
    private final EvaluationWorkflow evaluation;
    private final CityProfiles pipeline;
    private volatile IndexStatistics statistics;

    @Activate
    public StatisticsComponent(@Reference ModelLookup models, @Reference DataSources sources,
            @Reference EvaluationWorkflow evaluation, @Reference CityProfiles pipeline) {
        this.models = models;
        this.sources = sources;
        this.evaluation = evaluation;
        this.pipeline = pipeline;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setStatistics(IndexStatistics s) {
        statistics = s;
    }

    void unsetStatistics(IndexStatistics s) {
        if (statistics == s) {
            statistics = null;
        }
    }

    @Override
    public IndexStatisticsResult run(StatisticsRequest request) throws IOException, BadInputException {
        IndexStatistics s = statistics;
        if (s == null) {
            throw WorkflowException.unavailable("the index statistics (bundle org.cityeval.analysis) are");
        }
        EvaluationModel model;
        CityDataset data;
        if (request.coinrMeta() != null) {
            ImportedModel imported = evaluation.coinr(request.coinrMeta(), request.data());
            model = imported.model();
            data = imported.data();
        } else {
            model = models.model(request.model()).model();
            data = sources.read(request.data());
        }
        if (request.node() != null) {
            var node = model.node(request.node());
            if (node.isEmpty()) {
                throw WorkflowException.invalid("model '" + model.id() + "' has no node "
                        + WorkflowException.quote(request.node()));
            }
            if (node.get().leaf()) {
                throw WorkflowException.invalid("node " + WorkflowException.quote(request.node()) + " of model '"
                        + model.id() + "' is a leaf: statistics are of an inner node's children");
            }
        }
        // the pipeline's unrounded stages of the same evaluation (the result's scores are rounded, which ties values)
        return s.analyse(model, pipeline.stages(model, data, request.options()), request.node());
    }
}

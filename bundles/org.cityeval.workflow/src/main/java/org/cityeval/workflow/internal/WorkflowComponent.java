package org.cityeval.workflow.internal;

import java.nio.file.Paths;
import java.util.Map;

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
import org.cityeval.api.workflow.ComparisonWorkflow;
import org.cityeval.api.workflow.DataSources;
import org.cityeval.api.workflow.EvaluationWorkflow;
import org.cityeval.api.workflow.ModelLookup;
import org.cityeval.api.workflow.PublishedRankings;
import org.cityeval.api.workflow.ReportWorkflow;
import org.cityeval.api.workflow.UncertaintyWorkflow;
import org.cityeval.api.workflow.ValidationWorkflow;
import org.cityeval.api.workflow.VariablesWorkflow;
import org.cityeval.api.workflow.WeightsWorkflow;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The workflows as services: the one place the runtime's services are wired for the front ends. The model
 * catalog, evaluator and dataset reader are required; the others are optional and dynamic, so a profile
 * without the analysis, data or report bundles still offers every workflow, and those that need an absent
 * service say which ({@code ... not in this runtime}). The distribution's folder is the framework property
 * {@code cityeval.home}.
 */
@Component(service = { ModelLookup.class, DataSources.class, EvaluationWorkflow.class, ComparisonWorkflow.class, UncertaintyWorkflow.class,
        WeightsWorkflow.class, ReportWorkflow.class, PublishedRankings.class,
        ValidationWorkflow.class, VariablesWorkflow.class })
public class WorkflowComponent extends Workflows {

    @Activate
    public WorkflowComponent(@Reference ModelCatalog catalog, @Reference Evaluator evaluator,
            @Reference DatasetReader reader, BundleContext context) {
        super(catalog, evaluator, reader, context.getProperty("cityeval.home") == null ? null
                : Paths.get(context.getProperty("cityeval.home")), new Optionals());
    }

    @Deactivate
    void deactivate() {
        clear();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setQuality(DataQuality s) {
        optional.quality = s;
    }

    void unsetQuality(DataQuality s) {
        if (optional.quality == s) {
            optional.quality = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setPacks(DataPackCatalog s) {
        optional.packs = s;
    }

    void unsetPacks(DataPackCatalog s) {
        if (optional.packs == s) {
            optional.packs = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setVariables(org.cityeval.api.data.VariableCatalog s) {
        optional.variables = s;
    }

    void unsetVariables(org.cityeval.api.data.VariableCatalog s) {
        if (optional.variables == s) {
            optional.variables = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setProfiles(org.cityeval.api.analysis.CityProfiles s) {
        optional.profiles = s;
    }

    void unsetProfiles(org.cityeval.api.analysis.CityProfiles s) {
        if (optional.profiles == s) {
            optional.profiles = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setConcordance(ConcordanceAnalysis s) {
        optional.concordance = s;
    }

    void unsetConcordance(ConcordanceAnalysis s) {
        if (optional.concordance == s) {
            optional.concordance = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setUncertainty(UncertaintyAnalysis s) {
        optional.uncertainty = s;
    }

    void unsetUncertainty(UncertaintyAnalysis s) {
        if (optional.uncertainty == s) {
            optional.uncertainty = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setDerivation(WeightDerivation s) {
        optional.derivation = s;
    }

    void unsetDerivation(WeightDerivation s) {
        if (optional.derivation == s) {
            optional.derivation = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setReports(ReportWriter s) {
        optional.reports = s;
    }

    void unsetReports(ReportWriter s) {
        if (optional.reports == s) {
            optional.reports = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setStore(WorkbenchStore s) {
        optional.store = s;
    }

    void unsetStore(WorkbenchStore s) {
        if (optional.store == s) {
            optional.store = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + ModelFormat.NAME + "=*)")
    void addFormat(ModelFormat format, Map<String, Object> props) {
        optional.formats.put(String.valueOf(props.get(ModelFormat.NAME)), format);
    }

    void removeFormat(ModelFormat format, Map<String, Object> props) {
        optional.formats.remove(String.valueOf(props.get(ModelFormat.NAME)), format);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + Rules.NAME + "=*)")
    void addWeighting(WeightingMethod method, Map<String, Object> props) {
        optional.weighting.put(String.valueOf(props.get(Rules.NAME)), method);
    }

    void removeWeighting(WeightingMethod method, Map<String, Object> props) {
        optional.weighting.remove(String.valueOf(props.get(Rules.NAME)), method);
    }
}

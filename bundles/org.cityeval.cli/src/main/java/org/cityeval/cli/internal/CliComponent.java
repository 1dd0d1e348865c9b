package org.cityeval.cli.internal;

import java.util.function.Function;

import org.cityeval.api.service.ModelCatalog;
import org.cityeval.api.workflow.ComparisonWorkflow;
import org.cityeval.api.workflow.EvaluationWorkflow;
import org.cityeval.api.workflow.ModelLookup;
import org.cityeval.api.workflow.ReportWorkflow;
import org.cityeval.api.workflow.UncertaintyWorkflow;
import org.cityeval.api.workflow.VariablesWorkflow;
import org.cityeval.api.workflow.WeightsWorkflow;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.cityeval.api.workflow.ValidationWorkflow;

/**
 * Offers the command line to the launcher, which lives outside the framework and can only share
 * {@code java.*} types with it: the service is a {@code Function<String[], Integer>} (arguments in, exit
 * code out) marked with {@value #MAIN}. Output goes to {@code System.out}/{@code System.err}, read at each
 * call so that a caller (a test, the Gogo shell) may redirect them.
 * <p>
 * The commands call the workflow services (bundle org.cityeval.workflow), which wire the runtime's optional
 * services; a workflow whose service is absent says which.
 */
@Component(service = Function.class, property = CliComponent.MAIN + "=true")
public class CliComponent implements Function<String[], Integer> {
    /** Service property the launcher looks for. */
    public static final String MAIN = "cityeval.main";

    private final Cli cli;

    @Activate
    public CliComponent(@Reference ModelCatalog catalog, @Reference ModelLookup lookup,
            @Reference EvaluationWorkflow evaluations, @Reference ComparisonWorkflow comparison,
            @Reference UncertaintyWorkflow uncertainty, @Reference WeightsWorkflow weights, @Reference ReportWorkflow reports) {
        this.cli = new Cli(catalog, new Cli.Workflows(lookup, evaluations, comparison, uncertainty, weights,
                reports));
    }

    /** Static and mandatory: set once after the constructor, before the service is offered. */
    @Reference
    void setVariables(VariablesWorkflow variables) {
        cli.variables(variables);
    }

    /** Static and mandatory like the others; a bind method so that the constructor's list stays as it was. */
    @Reference
    void setValidation(ValidationWorkflow validation) {
        cli.validation = validation;
    }

    /** Optional and dynamic: without it {@code cityeval stats} says the workflow is not in this runtime. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    void setStatistics(org.cityeval.api.workflow.StatisticsWorkflow statistics) {
        cli.statistics = statistics;
    }

    void unsetStatistics(org.cityeval.api.workflow.StatisticsWorkflow statistics) {
        if (cli.statistics == statistics) {
            cli.statistics = null;
        }
    }

    /** Optional and dynamic: without it {@code cityeval form} says the workflow is not in this runtime. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    void setForms(org.cityeval.api.workflow.FormWorkflow forms) {
        cli.forms = forms;
    }

    void unsetForms(org.cityeval.api.workflow.FormWorkflow forms) {
        if (cli.forms == forms) {
            cli.forms = null;
        }
    }

    /** Optional and dynamic: without it {@code cityeval provenance} says the workflow is not in this runtime. */
    @Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.OPTIONAL,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    void setProvenance(org.cityeval.api.workflow.ProvenanceWorkflow provenance) {
        cli.provenance = provenance;
    }

    void unsetProvenance(org.cityeval.api.workflow.ProvenanceWorkflow provenance) {
        if (cli.provenance == provenance) {
            cli.provenance = null;
        }
    }

    @Override
    public Integer apply(String[] args) {
        return cli.run(args, System.out, System.err);
    }
}

package org.cityeval.api.workflow;

import java.io.IOException;
import java.util.List;

import org.cityeval.api.data.BadInputException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The catalogue variables a model's leaves can bind to, with the data behind them: for {@code cityeval
 * variables}, {@code GET /api/variables} and the dashboard's variables view.
 * Example: {@code variables.variables("china-cities").stream().map(CatalogueVariable::id).toList()}.
 */
@ProviderType
public interface VariablesWorkflow {
    /**
     * @param pack a data pack's name, or {@code null} for every installed pack
     * @return for one pack, each catalogue variable that is a column of the pack, in the pack's column order;
     *         for {@code null}, those of every pack (by pack name), then the catalogue's variables that no pack
     *         carries (pack {@code null}), by id
     * @throws WorkflowException {@link WorkflowException.Kind#NOT_FOUND} for an unknown pack, naming the
     *                           installed ones; {@link WorkflowException.Kind#UNAVAILABLE} without the data bundle
     * @throws BadInputException when a pack's file cannot be read as data
     */
    List<CatalogueVariable> variables(String pack) throws IOException, BadInputException;
}

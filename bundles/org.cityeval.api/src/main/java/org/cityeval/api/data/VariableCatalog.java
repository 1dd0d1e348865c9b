package org.cityeval.api.data;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The shared variable catalogue: the union of the variables that installed data packs declare.
 * <p>
 * Example: {@code catalog.find("resident_pop_10k").map(Variable::unit)}.
 */
@ProviderType
public interface VariableCatalog {

    /** @return every variable, by id */
    List<Variable> variables();

    /** @return the variable with this id, if declared */
    Optional<Variable> find(String id);
}

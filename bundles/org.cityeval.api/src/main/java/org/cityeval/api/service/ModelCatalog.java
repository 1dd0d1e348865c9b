package org.cityeval.api.service;

import java.net.URL;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.cityeval.api.data.BadInputException;
import org.cityeval.api.model.EvaluationModel;
import org.cityeval.api.spi.RuleDeclaration;
import org.cityeval.api.workflow.ValidationReport;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The one introspection service: what models are loaded, from where, and what failed to load. It lists the
 * registered {@link EvaluationModel} services (the whiteboard), not a list of its own.
 * <p>
 * Example: {@code catalog.find("guomai-psdf-2024").map(LoadedModel::model)}.
 */
@ProviderType
public interface ModelCatalog {
    /**
     * Largest model descriptor, in bytes (1 MiB), that the runtime reads. Readers of a descriptor (the
     * extender, {@code cityeval validate}) stop after this many bytes plus one, so a hostile 100 MB file
     * costs no more than a legitimate one; the seed models are under 25 KB.
     */
    int MAX_DESCRIPTOR_BYTES = 1 << 20;

    /** @return loaded models, ordered by id */
    List<LoadedModel> models();

    /** @return the model with this id, if loaded */
    Optional<LoadedModel> find(String modelId);

    /** @return descriptors that failed to load, with bundle, file, JSON path and reason */
    List<ModelLoadError> failures();

    /** @return loaded models as listings show them, and the failures, in one consistent snapshot */
    CatalogOverview overview();

    /**
     * Checks a descriptor as the extender would load it, without registering it: for model authors.
     *
     * @param source     file name for messages
     * @param descriptor the JSON bytes; more than {@link #MAX_DESCRIPTOR_BYTES} is refused unread
     * @return every problem found, each with its JSON path; empty when the descriptor would load (an update of a
     *         loaded model would load)
     */
    List<ModelLoadError> validate(String source, byte[] descriptor);

    /**
     * Checks a descriptor as the extender would load it, reporting every problem, with warnings and notes (since
     * 1.5): for {@code cityeval validate} and the Maven plugin.
     *
     * @param source     file name for messages
     * @param descriptor the JSON bytes
     * @param moreRules  rules taken as available beside the running ones (a model project's own, not deployed)
     * @return {@code models}: the descriptor's id when it would load; {@code problems}: every problem, each with
     *         its JSON path; {@code warnings}: rule parameters that cannot be checked; {@code notes}: e.g. that it
     *         would update a loaded model. This default, for catalogs that cannot do more, wraps
     *         {@link #validate(String, byte[])}
     */
    default ValidationReport check(String source, byte[] descriptor, Collection<RuleDeclaration> moreRules) {
        return new ValidationReport(source, List.of(), validate(source, descriptor), List.of(), List.of());
    }

    /**
     * Reads a descriptor as the extender would load it, without registering it: to evaluate a model that
     * is not deployed (a file being written, a model imported from another tool).
     *
     * @throws BadInputException with the JSON path of the first problem
     */
    EvaluationModel read(String source, byte[] descriptor) throws BadInputException;

    /**
     * @return the URL of the model's shipped reference data, if it has any; readable while the model
     *         bundle is installed
     */
    Optional<URL> reference(String modelId);

    /**
     * Checks a weight configuration ({@code conf/models/ID.json}) against a loaded model's descriptor as the
     * runtime would apply it when the model loads, without writing or applying it: so that a front end never
     * writes a configuration that stops the model loading.
     *
     * @param modelId       the model
     * @param name          what to call the configuration in messages (its file)
     * @param configuration the configuration's JSON
     * @return the problems, each with its JSON path; empty when the model would load with it. This default, for
     *         catalogs that cannot check, reports that it cannot
     */
    default List<ModelLoadError> validateConfiguration(String modelId, String name, byte[] configuration) {
        return List.of(new ModelLoadError("-", name, "$", "this runtime's model catalog cannot check weight "
                + "configurations"));
    }
}

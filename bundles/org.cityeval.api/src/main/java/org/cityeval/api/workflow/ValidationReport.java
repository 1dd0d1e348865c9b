package org.cityeval.api.workflow;

import java.util.List;

import org.cityeval.api.service.ModelLoadError;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What {@link ValidationWorkflow#validate} found: every problem of every descriptor, each with its file and JSON
 * path, not only the first.
 *
 * @param source   what was validated, as given
 * @param models   ids of the models that would load (an update of a loaded model counts: its note says so)
 * @param problems what stops a descriptor loading; empty when all would load
 * @param warnings what would load but deserves a look (an unbound leaf, weights given as percentages, ...)
 * @param notes    plain facts for the author, e.g. {@code guomai-psdf-2024 would update the loaded 0.1.0}
 */
@ProviderType
public record ValidationReport(String source, List<String> models, List<ModelLoadError> problems,
        List<ModelLoadError> warnings, List<String> notes) {
    public ValidationReport {
        models = List.copyOf(models);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /** @return true when every descriptor would load */
    public boolean valid() {
        return problems.isEmpty();
    }
}

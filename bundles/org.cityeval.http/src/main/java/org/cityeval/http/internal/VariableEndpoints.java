package org.cityeval.http.internal;

import java.io.IOException;
import java.util.Map;

import org.cityeval.api.data.BadInputException;

/** The catalogue variables a leaf's {@code binding} can name, for model authors. */
final class VariableEndpoints {
    private final Services services;

    VariableEndpoints(Services services) {
        this.services = services;
    }

    /**
     * {@code GET /api/variables[?pack=NAME]}: as {@code cityeval variables [--pack NAME] --format json}, wrapped
     * as {@code {"variables": [...]}}; an unknown pack is 404 naming the installed ones.
     */
    Object variables(Call call) throws IOException, BadInputException {
        String pack = call.query("pack");
        if (pack != null && pack.isBlank()) {
            throw HttpError.badRequest("pack: empty; leave it out for every installed pack");
        }
        return Map.of("variables", services.variables().variables(pack));
    }
}

/**
 * The evaluation model: an indicator tree with weights and their provenance, scoring and aggregation
 * rules named by id, tier rules and group rules. Models are data: they are read from JSON descriptors
 * inside model bundles by the model extender and published as {@link org.cityeval.api.model.EvaluationModel}
 * services.
 */
@Export
@Version("1.3.0")
package org.cityeval.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

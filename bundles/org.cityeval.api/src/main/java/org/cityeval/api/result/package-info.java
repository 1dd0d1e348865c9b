/**
 * Evaluation results: per city a score at every node, rank and tier; per group mean, count and tier;
 * per node statistics; warnings, and checks against published figures.
 */
@Export
@Version("1.1.0")
package org.cityeval.api.result;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Comparative analysis across methodologies and within one: concordance of rankings and tiers, weighting
 * methods, and uncertainty and sensitivity analysis.
 */
@Export
@Version("1.3.0")
package org.cityeval.api.analysis;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

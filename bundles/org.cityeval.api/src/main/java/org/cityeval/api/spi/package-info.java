/**
 * What plug-ins implement: scoring, aggregation, tier and grouping rules, and dataset importers.
 * Each is a whiteboard service; rules are found by the {@value org.cityeval.api.spi.Rules#NAME} service
 * property that descriptors name. A bundle adds a rule by registering a DS component, e.g.
 *
 * <pre>
 * &#64;Component(property = Rules.NAME + "=log-points")
 * public class LogPoints implements ScoringRule { ... }
 * </pre>
 */
@Export
@Version("1.2.0")
package org.cityeval.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

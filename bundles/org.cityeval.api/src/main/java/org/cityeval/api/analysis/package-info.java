/**
 * Comparative analysis across methodologies and within one: concordance of rankings and tiers, weighting
 * methods, and uncertainty and sensitivity analysis.
 *
 * <h2>How the types here evolve</h2>
 * The package version is checked by the build against the last release (bnd baselining, see
 * docs/architecture.md, "API versions"). Records, enums and exceptions here are {@code @ProviderType}: code
 * outside the runtime reads and constructs them but never implements or extends them, so a minor version may add
 * to them without breaking it:
 * <ul>
 * <li>a record grows only by <em>adding</em> components (at the end); its previous canonical constructor stays
 * as an extra public constructor that passes the neutral value of each new component ({@code null}, an empty
 * list, the old behaviour), so callers compiled against the older version still link and get the old meaning;
 * a type expected to grow often gets a builder instead;</li>
 * <li>a component is never removed, renamed, re-typed or reordered, and an accessor never changes its return
 * type: that is a major version, which this API avoids;</li>
 * <li>an enum may gain constants in a minor version: a {@code switch} over one needs a {@code default};</li>
 * <li>an interface marked {@code @ProviderType} (implemented by the runtime only) may gain methods in a minor
 * version; one marked {@code @ConsumerType} (implemented by plug-ins) gains only {@code default} methods, or
 * it is a major version.</li>
 * </ul>
 */
@Export
@Version("1.6.0")
package org.cityeval.api.analysis;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

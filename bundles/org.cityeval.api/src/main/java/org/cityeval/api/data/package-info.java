/**
 * Cities and city datasets: the city registry and the tabular data that models are evaluated on.
 */
@Export
@Version("1.1.0")
package org.cityeval.api.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

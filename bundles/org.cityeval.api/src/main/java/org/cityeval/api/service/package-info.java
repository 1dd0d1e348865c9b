/**
 * Services the runtime provides: the model catalog (introspection of what is loaded and what failed)
 * and the evaluator, and the workbench store (what a long-running server keeps). Front ends (CLI, Gogo
 * shell, web API) are thin layers over these.
 */
@Export
@Version("1.4.0")
package org.cityeval.api.service;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Writing files so that a crash never leaves a half-written one: {@link org.cityeval.store.AtomicFiles}. Every
 * file cityeval keeps for the user (command output, weight configuration, reports, the workbench store) is
 * written through it.
 */
@Export
@Version("1.0.0")
package org.cityeval.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

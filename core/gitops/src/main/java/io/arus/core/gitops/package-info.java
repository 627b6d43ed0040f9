/**
 * Pipelines as code: the YAML form of sources, destinations, notification targets and pipelines (referring to
 * each other by name, secrets only as {@code ${env:NAME}} or {@code ${file:/path}} references), its export, its
 * plan and its all-or-nothing apply, and the watched folder that applies it whenever a file changes.
 */
@Export
@Version("1.0.0")
package io.arus.core.gitops;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

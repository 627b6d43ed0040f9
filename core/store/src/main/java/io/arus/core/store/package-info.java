/**
 * The metadata store: what Arus remembers across restarts (users, tokens, sources, destinations, pipelines, runs,
 * offsets, the columns of each stream's last run, dead letters, notification targets, settings, the audit log).
 * Services of this package hide the persistence technology (EclipseLink JPA over H2 or PostgreSQL); their arguments
 * and results are immutable records. Every method runs in its own transaction unless it says otherwise.
 */
@Export
@Version("2.3.0")
package io.arus.core.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

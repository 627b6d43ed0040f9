/**
 * The services every interface calls (REST, the Gogo shell, the scheduler, pipelines as code): each owns the
 * validation, the role check, the audit entry, the change events and the subscriptions of its objects, in one
 * transaction.
 */
@Export
@Version("1.2.0")
package io.arus.core.service;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

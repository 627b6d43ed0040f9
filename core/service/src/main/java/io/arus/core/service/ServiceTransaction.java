package io.arus.core.service;

import io.arus.core.store.AuditLog;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Joins several service calls into one transaction of the metadata database: every create, update, delete,
 * enable, disable and reset made through {@link PipelineService}, {@link ConnectionService} and
 * {@link NotificationTargetService} on this thread inside {@code change} lands with its audit entry, all together
 * or not at all. The change events those calls announce (RunEvents.PIPELINE_CHANGED...) are held and posted once
 * the outermost transaction committed, in the order of the calls; nothing is posted when it rolls back. Pipelines
 * as code applies a whole file with it.
 *
 * <p>Nesting is allowed: an inner call joins the outer transaction. Use this, not {@link AuditLog#atomically}
 * directly, around service calls: the store's transaction alone would join the changes but post each call's events
 * before the commit.
 */
@ProviderType
public interface ServiceTransaction {
    /**
     * @param change the service calls to make as one
     * @return what {@code change} returned
     * @throws E what {@code change} threw; nothing of it is kept and no event is posted then
     */
    <T, E extends Exception> T atomically(AuditLog.Change<T, E> change) throws E;
}

package io.arus.core.service;

import io.arus.core.model.InvalidModelException;
import io.arus.core.model.NotificationTargetSpec;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Notification targets: configurations checked against their notifier type's spec, secrets encrypted and masked,
 * references as in {@link ConnectionService}. Changes need the editor role and are audited in the same transaction
 * (see {@link ServiceTransaction}); a deleted target leaves the pipelines that subscribed it.
 *
 * <p>Errors: {@link InvalidModelException} (400), {@link NotFoundException} (404), {@link ConflictException} (a
 * name taken, 409), {@link ForbiddenException} (403).
 */
@ProviderType
public interface NotificationTargetService {
    /** @return every target, by name */
    List<SavedNotificationTarget> list();

    /** @throws NotFoundException when no target has the id */
    SavedNotificationTarget get(String id);

    /** @return the target of that name, if any */
    Optional<SavedNotificationTarget> byName(String name);

    /** @return the stored target, secrets masked */
    SavedNotificationTarget create(Actor actor, NotificationTargetSpec spec);

    /** Replaces name, type and configuration; masked secrets keep the stored ones (same type only). */
    SavedNotificationTarget update(Actor actor, String id, NotificationTargetSpec spec);

    /** Deletes the target and every pipeline's subscription to it. */
    void delete(Actor actor, String id);

    /**
     * Sends a test notification to the stored target.
     *
     * @return null when it was delivered, else why not (secrets scrubbed)
     */
    String test(Actor actor, String id);

    /**
     * Sends a test notification to a configuration without storing it.
     *
     * @param storedId null, or the id of a stored target of the same type whose secrets fill the masked fields
     * @return null when it was delivered, else why not (secrets scrubbed)
     */
    String testUnsaved(Actor actor, NotificationTargetSpec spec, String storedId);
}

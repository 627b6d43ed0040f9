package io.arus.core.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Notification targets, and which pipeline subscribes which target to which events. Event ids are opaque to the
 * store (the API checks them); it keeps each subscription's events sorted and without duplicates.
 *
 * @since 1.1
 */
@ProviderType
public interface NotificationTargetStore {
    /** @return every target, by name */
    List<NotificationTarget> list();

    /** @return the target */
    Optional<NotificationTarget> byId(String id);

    /**
     * @return the new target
     * @throws ConflictException when the name is taken
     */
    NotificationTarget create(String name, String type, Map<String, Object> config) throws ConflictException;

    /**
     * Replaces name, type and config; the subscriptions stay.
     *
     * @return the updated target, or empty when there is none
     * @throws ConflictException when the new name is taken
     */
    Optional<NotificationTarget> update(String id, String name, String type, Map<String, Object> config)
            throws ConflictException;

    /**
     * Deletes a target and every subscription to it: pipelines that used it simply stop notifying it.
     *
     * @return whether a target was deleted
     */
    boolean delete(String id);

    /** @return the pipeline's subscriptions, by target name; empty for an unknown pipeline */
    List<NotificationSubscription> subscriptions(String pipelineId);

    /** @return the subscriptions of every pipeline that has some, by pipeline id, each list by target name */
    Map<String, List<NotificationSubscription>> allSubscriptions();

    /**
     * Replaces the pipeline's subscriptions. A subscription without events is left out; two for the same target
     * are merged.
     *
     * @throws ConflictException when the pipeline or a target does not exist
     */
    void setSubscriptions(String pipelineId, List<NotificationSubscription> subscriptions) throws ConflictException;

    /** @return the pipelines that subscribe the target to some event, by name */
    List<SubscribingPipeline> subscribers(String targetId);
}

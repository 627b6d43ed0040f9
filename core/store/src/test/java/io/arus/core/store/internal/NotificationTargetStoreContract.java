package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arus.core.store.ConflictException;
import io.arus.core.store.NotificationSubscription;
import io.arus.core.store.NotificationTarget;
import io.arus.core.store.NotificationTargetStore;
import io.arus.core.store.Pipeline;
import io.arus.core.store.SubscribingPipeline;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link NotificationTargetStore} does, on the database of the subclass. */
abstract class NotificationTargetStoreContract extends DatabaseTest {
    static final Map<String, Object> WEBHOOK = Map.of("url", "https://hooks.example.com/arus",
            "secret", "enc:v1:c2VjcmV0", "headers", List.of("enc:v1:aGVhZGVy"));

    NotificationTargetStore targets;

    @BeforeEach
    void createStore() {
        targets = new JpaNotificationTargetStore(persistence, clock);
    }

    @Test
    void createdTargetIsFoundByIdWithItsNestedConfiguration() throws ConflictException {
        Map<String, Object> config = new LinkedHashMap<>(WEBHOOK);
        config.put("nothing", null);
        config.put("retries", 3);

        NotificationTarget created = targets.create("ops", "webhook", config);

        assertThat(created.name()).isEqualTo("ops");
        assertThat(created.type()).isEqualTo("webhook");
        assertThat(created.config()).isEqualTo(config);
        assertThat(created.createdAt()).isEqualTo(clock.instant()).isEqualTo(created.updatedAt());
        assertThat(targets.byId(created.id())).contains(created);
        assertThat(targets.byId("no-such-id")).isEmpty();
    }

    @Test
    void listsTargetsByNameAndRefusesATakenName() throws ConflictException {
        targets.create("b-mail", "email", Map.of());
        targets.create("a-slack", "slack", Map.of());

        assertThatThrownBy(() -> targets.create("a-slack", "discord", Map.of()))
                .isInstanceOf(ConflictException.class).hasMessage("notification target name 'a-slack' is taken");
        assertThat(targets.list()).extracting(NotificationTarget::name).containsExactly("a-slack", "b-mail");
    }

    @Test
    void updateReplacesNameTypeAndConfigAndKeepsTheSubscriptions() throws ConflictException {
        NotificationTarget target = targets.create("old", "slack", Map.of("webhook_url", "enc:v1:x"));
        NotificationTarget other = targets.create("other", "slack", Map.of());
        Pipeline pipeline = TestPipelines.create(persistence, clock, "orders");
        targets.setSubscriptions(pipeline.id(), List.of(new NotificationSubscription(target.id(), List.of("run_failed"))));
        clock.advance(Duration.ofMinutes(5));

        NotificationTarget updated = targets.update(target.id(), "new", "webhook", WEBHOOK).orElseThrow();

        assertThat(updated).extracting(NotificationTarget::name, NotificationTarget::type, NotificationTarget::config,
                NotificationTarget::createdAt).containsExactly("new", "webhook", WEBHOOK, target.createdAt());
        assertThat(updated.updatedAt()).isEqualTo(clock.instant());
        assertThat(targets.byId(target.id())).contains(updated);
        assertThat(targets.subscriptions(pipeline.id())).extracting(NotificationSubscription::targetId)
                .containsExactly(target.id());
        assertThatThrownBy(() -> targets.update(target.id(), "other", "slack", Map.of()))
                .isInstanceOf(ConflictException.class).hasMessage("notification target name 'other' is taken");
        assertThat(targets.update(other.id(), "other", "discord", Map.of())).isPresent();
        assertThat(targets.update("no-such-id", "x", "slack", Map.of())).isEmpty();
    }

    @Test
    void subscriptionsAreReplacedMergedAndReadByTargetName() throws ConflictException {
        NotificationTarget mail = targets.create("mail", "email", Map.of());
        NotificationTarget chat = targets.create("chat", "slack", Map.of());
        Pipeline pipeline = TestPipelines.create(persistence, clock, "orders");

        targets.setSubscriptions(pipeline.id(), List.of(
                new NotificationSubscription(mail.id(), List.of("run_succeeded", "run_failed")),
                new NotificationSubscription(chat.id(), List.of("schema_changed")),
                new NotificationSubscription(mail.id(), List.of("run_failed", "recovered"))));

        assertThat(targets.subscriptions(pipeline.id())).containsExactly(
                new NotificationSubscription(chat.id(), List.of("schema_changed")),
                new NotificationSubscription(mail.id(), List.of("recovered", "run_failed", "run_succeeded")));

        targets.setSubscriptions(pipeline.id(), List.of(new NotificationSubscription(chat.id(), List.of("run_failed")),
                new NotificationSubscription(mail.id(), List.of())));
        assertThat(targets.subscriptions(pipeline.id()))
                .containsExactly(new NotificationSubscription(chat.id(), List.of("run_failed")));

        targets.setSubscriptions(pipeline.id(), List.of());
        assertThat(targets.subscriptions(pipeline.id())).isEmpty();
        assertThat(targets.subscriptions("no-such-pipeline")).isEmpty();
    }

    @Test
    void everyPipelinesSubscriptionsAreReadAtOnce() throws ConflictException {
        NotificationTarget chat = targets.create("chat", "slack", Map.of());
        Pipeline orders = TestPipelines.create(persistence, clock, "orders");
        Pipeline users = TestPipelines.create(persistence, clock, "users");
        TestPipelines.create(persistence, clock, "quiet");
        targets.setSubscriptions(orders.id(), List.of(new NotificationSubscription(chat.id(), List.of("run_failed"))));
        targets.setSubscriptions(users.id(), List.of(new NotificationSubscription(chat.id(), List.of("recovered"))));

        assertThat(targets.allSubscriptions()).containsOnly(
                Map.entry(orders.id(), List.of(new NotificationSubscription(chat.id(), List.of("run_failed")))),
                Map.entry(users.id(), List.of(new NotificationSubscription(chat.id(), List.of("recovered")))));
    }

    @Test
    void subscribingAnUnknownPipelineOrTargetIsAConflictAndChangesNothing() throws ConflictException {
        NotificationTarget chat = targets.create("chat", "slack", Map.of());
        Pipeline pipeline = TestPipelines.create(persistence, clock, "orders");
        List<NotificationSubscription> before = List.of(new NotificationSubscription(chat.id(), List.of("run_failed")));
        targets.setSubscriptions(pipeline.id(), before);

        assertThatThrownBy(() -> targets.setSubscriptions(pipeline.id(), List.of(
                new NotificationSubscription("no-such-target", List.of("run_failed")))))
                .isInstanceOf(ConflictException.class).hasMessage("notification target no-such-target does not exist");
        assertThatThrownBy(() -> targets.setSubscriptions("no-such-pipeline", before))
                .isInstanceOf(ConflictException.class).hasMessage("pipeline no-such-pipeline does not exist");
        assertThatThrownBy(() -> targets.setSubscriptions(pipeline.id(), List.of(
                new NotificationSubscription(chat.id(), List.of(" ")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(targets.subscriptions(pipeline.id())).isEqualTo(before);
    }

    @Test
    void subscribersAreThePipelinesUsingATargetWithTheirEvents() throws ConflictException {
        NotificationTarget chat = targets.create("chat", "slack", Map.of());
        NotificationTarget mail = targets.create("mail", "email", Map.of());
        Pipeline orders = TestPipelines.create(persistence, clock, "orders");
        Pipeline audits = TestPipelines.create(persistence, clock, "audits");
        targets.setSubscriptions(orders.id(), List.of(
                new NotificationSubscription(chat.id(), List.of("run_succeeded", "run_failed")),
                new NotificationSubscription(mail.id(), List.of("recovered"))));
        targets.setSubscriptions(audits.id(), List.of(new NotificationSubscription(chat.id(), List.of("schema_changed"))));

        assertThat(targets.subscribers(chat.id())).containsExactly(
                new SubscribingPipeline(audits.id(), "audits", List.of("schema_changed")),
                new SubscribingPipeline(orders.id(), "orders", List.of("run_failed", "run_succeeded")));
        assertThat(targets.subscribers(mail.id()))
                .containsExactly(new SubscribingPipeline(orders.id(), "orders", List.of("recovered")));
        assertThat(targets.subscribers("no-such-target")).isEmpty();
    }

    @Test
    void deletingATargetRemovesItsSubscriptionsAndDeletingAPipelineRemovesTheirs() throws ConflictException {
        NotificationTarget chat = targets.create("chat", "slack", Map.of());
        NotificationTarget mail = targets.create("mail", "email", Map.of());
        Pipeline orders = TestPipelines.create(persistence, clock, "orders");
        Pipeline users = TestPipelines.create(persistence, clock, "users");
        targets.setSubscriptions(orders.id(), List.of(new NotificationSubscription(chat.id(), List.of("run_failed")),
                new NotificationSubscription(mail.id(), List.of("run_failed"))));
        targets.setSubscriptions(users.id(), List.of(new NotificationSubscription(mail.id(), List.of("recovered"))));

        assertThat(targets.delete(chat.id())).isTrue();
        assertThat(targets.delete(chat.id())).isFalse();
        assertThat(targets.byId(chat.id())).isEmpty();
        assertThat(targets.subscriptions(orders.id()))
                .containsExactly(new NotificationSubscription(mail.id(), List.of("run_failed")));

        assertThat(new JpaPipelineStore(persistence, clock).delete(orders.id())).isTrue();
        assertThat(targets.subscribers(mail.id())).extracting(SubscribingPipeline::name).containsExactly("users");
        assertThat(database.queryLong("SELECT COUNT(*) FROM pipeline_notifications")).isEqualTo(1);
    }
}

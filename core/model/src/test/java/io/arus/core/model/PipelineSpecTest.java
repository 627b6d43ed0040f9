package io.arus.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arus.api.config.ConfigViolation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSpecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void appliesEveryDefaultInOnePlace() throws Exception {
        PipelineSpec spec = ModelReader.pipeline(json("""
                {"name": "orders", "source_id": "s", "destination_id": "d", "streams": [{"name": "public.orders"}]}"""));

        assertThat(spec.enabled()).isTrue();
        assertThat(spec.dependsOn()).isEmpty();
        assertThat(spec.zones()).containsExactly("normalized");
        assertThat(spec.targetNamespace()).isEqualTo("analytics");
        assertThat(spec.rawNamespace()).isEqualTo("staging");
        assertThat(spec.batchSize()).isEqualTo(10_000);
        assertThat(spec.parallelism()).isEqualTo(2);
        assertThat(spec.errorThreshold()).isNull();
        assertThat(spec.lookBackSeconds()).isZero();
        assertThat(spec.softDeleteMode()).isEqualTo("delete");
        assertThat(spec.qualityChecks()).isEqualTo(QualityChecksSpec.DEFAULT);
        assertThat(spec.policies()).isEqualTo(SchedulingPolicies.DEFAULT);
        assertThat(spec.sync().streams()).singleElement().satisfies(s -> assertThat(s.syncMode()).isEqualTo("incremental"));
        assertThat(spec.notifications()).as("absent notifications leave the stored ones alone").isNull();
        assertThat(spec.schedule()).isNull();
    }

    @Test
    void reportsEveryBindingAndValidationErrorAtOnceWithItsPath() throws Exception {
        InvalidModelException refused = catchThrowableOfType(() -> ModelReader.pipeline(json("""
                {"name": "", "source_id": "s", "batch_size": "ten", "parallelism": 99, "colour": "red",
                 "streams": [{"name": "a.b"}, {"name": "a.b", "cursor_field": ""}, {"name": "c.d", "sync_mode": "sometimes"},
                             {"name": "e.f", "primary_key": "id"}],
                 "misfire_policy": "never", "schedule": {"timezone": "UTC"},
                 "notifications": [{"target_id": "t", "events": ["run_failed", "run_exploded"]}],
                 "quality_checks": {"row_count": "shout", "max_null_ratio": {"email": 2}}}""")),
                InvalidModelException.class);

        assertThat(refused.violations()).extracting(ConfigViolation::field).containsExactlyInAnyOrder(
                "name", "destination_id", "batch_size", "parallelism", "colour", "streams[1].name",
                "streams[1].cursor_field", "streams[2].sync_mode", "streams[3].primary_key",
                "misfire_policy", "schedule.cron", "notifications[0].events[1]", "quality_checks.row_count",
                "quality_checks.max_null_ratio.email");
        assertThat(refused.violations()).filteredOn(v -> v.field().equals("batch_size"))
                .singleElement().satisfies(v -> assertThat(v.message()).isEqualTo("must be a whole number"));
        assertThat(refused.violations()).filteredOn(v -> v.field().equals("misfire_policy"))
                .singleElement().satisfies(v -> assertThat(v.message()).isEqualTo("must be one of [run_once, skip]"));
    }

    @Test
    void aBatchTakesTwoMebibytesUnlessToldAndNeverNothingOrMoreThanAGibibyte() throws Exception {
        PipelineSpec plain = ModelReader.pipeline(json("""
                {"name": "p", "source_id": "s", "destination_id": "d", "streams": [{"name": "a.b"}]}""")).validate();
        PipelineSpec wide = ModelReader.pipeline(json("""
                {"name": "p", "source_id": "s", "destination_id": "d", "streams": [{"name": "a.b"}],
                 "batch_memory_mb": 64}""")).validate();

        assertThat(plain.batchMemoryMb()).isEqualTo(2);
        assertThat(plain.definition()).containsEntry("batch_memory_mb", 2);
        assertThat(wide.sync().batchMemoryMb()).isEqualTo(64);
        for (int refused : new int[] {0, 1025}) {
            InvalidModelException e = catchThrowableOfType(() -> ModelReader.pipeline(json("""
                    {"name": "p", "source_id": "s", "destination_id": "d", "streams": [{"name": "a.b"}],
                     "batch_memory_mb": %d}""".formatted(refused))).validate(), InvalidModelException.class);
            assertThat(e.violations()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("batch_memory_mb");
                assertThat(v.message()).isEqualTo("must be between 1 and 1024");
            });
        }
    }

    @Test
    void aCdcPipelineFollowsItsLogUnlessToldToDrainToTheCurrentPosition() throws Exception {
        PipelineSpec following = ModelReader.pipeline(json("""
                {"name": "p", "source_id": "s", "destination_id": "d", "streams": [{"name": "a.b", "sync_mode": "cdc"}]}"""))
                .validate();
        PipelineSpec draining = ModelReader.pipeline(json("""
                {"name": "p", "source_id": "s", "destination_id": "d", "streams": [{"name": "a.b", "sync_mode": "cdc"}],
                 "cdc": {"until": "CURRENT"}}""")).validate();
        InvalidModelException refused = catchThrowableOfType(() -> ModelReader.pipeline(json("""
                {"name": "p", "source_id": "s", "destination_id": "d", "streams": [{"name": "a.b"}],
                 "cdc": {"until": "tomorrow"}}""")).validate(), InvalidModelException.class);

        assertThat(following.sync().cdc().follows()).isTrue();
        assertThat(following.definition()).containsEntry("cdc", Map.of("until", "never", "lag_alert_seconds", 300, "checkpoint_seconds", 1));
        assertThat(draining.sync().cdc().follows()).isFalse();
        assertThat(SyncSpec.of(draining.definition()).cdc().until()).isEqualTo("current");
        assertThat(refused.violations()).extracting(ConfigViolation::field).containsExactly("cdc.until");
    }

    @Test
    void aCdcLagAlertIsFiveMinutesUnlessGivenFromOneSecondToADay() throws Exception {
        String pipeline = """
                {"name": "p", "source_id": "s", "destination_id": "d", "streams": [{"name": "a.b", "sync_mode": "cdc"}],
                 "cdc": %s}""";
        PipelineSpec unsaid = ModelReader.pipeline(json(pipeline.formatted("{\"until\": \"current\"}")));
        PipelineSpec given = ModelReader.pipeline(json(pipeline.formatted("{\"lag_alert_seconds\": 30}")));
        PipelineSpec day = ModelReader.pipeline(json(pipeline.formatted("{\"lag_alert_seconds\": 86400}")));

        assertThat(unsaid.sync().cdc().lagAlertSeconds()).isEqualTo(300);
        assertThat(unsaid.definition()).containsEntry("cdc", Map.of("until", "current", "lag_alert_seconds", 300,
                "checkpoint_seconds", 1));
        assertThat(given.definition()).containsEntry("cdc", Map.of("until", "never", "lag_alert_seconds", 30,
                "checkpoint_seconds", 1));
        assertThat(SyncSpec.of(given.definition()).cdc().effectiveLagAlertSeconds()).as("kept in the store").isEqualTo(30);
        assertThat(day.sync().cdc().lagAlertSeconds()).isEqualTo(86_400);
        // a definition stored before the field existed reads with the default
        assertThat(SyncSpec.of(Map.of("streams", List.of(Map.of("name", "a.b", "sync_mode", "cdc")),
                "cdc", Map.of("until", "never"))).cdc().lagAlertSeconds()).isEqualTo(300);
        for (String wrong : List.of("0", "-5", "86401")) {
            InvalidModelException refused = catchThrowableOfType(() -> ModelReader.pipeline(json(pipeline.formatted(
                    "{\"lag_alert_seconds\": " + wrong + "}"))), InvalidModelException.class);
            assertThat(refused.violations()).as(wrong).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("cdc.lag_alert_seconds");
                assertThat(v.message()).isEqualTo("must be between 1 and 86400");
            });
        }
        InvalidModelException text = catchThrowableOfType(() -> ModelReader.pipeline(json(pipeline.formatted(
                "{\"lag_alert_seconds\": \"5 min\"}"))), InvalidModelException.class);
        assertThat(text.violations()).extracting(ConfigViolation::field).containsExactly("cdc.lag_alert_seconds");
    }

    @Test
    void aCdcCheckpointIsASecondUnlessGivenFromOneSecondToAnHour() throws Exception {
        String pipeline = """
                {"name": "p", "source_id": "s", "destination_id": "d", "streams": [{"name": "a.b", "sync_mode": "cdc"}],
                 "cdc": %s}""";
        PipelineSpec unsaid = ModelReader.pipeline(json(pipeline.formatted("{\"until\": \"current\"}")));
        PipelineSpec given = ModelReader.pipeline(json(pipeline.formatted("{\"checkpoint_seconds\": 30}")));

        assertThat(unsaid.sync().cdc().checkpointSeconds()).isEqualTo(1);
        assertThat(given.definition()).containsEntry("cdc", Map.of("until", "never", "lag_alert_seconds", 300,
                "checkpoint_seconds", 30));
        assertThat(SyncSpec.of(given.definition()).cdc().effectiveCheckpointSeconds()).as("kept in the store").isEqualTo(30);
        // a definition stored before the field existed reads with the default
        assertThat(SyncSpec.of(Map.of("streams", List.of(Map.of("name", "a.b", "sync_mode", "cdc")),
                "cdc", Map.of("until", "never"))).cdc().effectiveCheckpointSeconds()).isEqualTo(1);
        for (String wrong : List.of("0", "-1", "3601", "\"soon\"")) {
            InvalidModelException refused = catchThrowableOfType(() -> ModelReader.pipeline(json(pipeline.formatted(
                    "{\"checkpoint_seconds\": " + wrong + "}"))), InvalidModelException.class);
            assertThat(refused.violations()).as(wrong).extracting(ConfigViolation::field)
                    .containsExactly("cdc.checkpoint_seconds");
        }
    }

    @Test
    void retriesAreEightUpToAMinuteApartUnlessGivenAndStoredWithTheDefinition() throws Exception {
        String pipeline = """
                {"name": "p", "source_id": "s", "destination_id": "d", "streams": [{"name": "a.b"}]%s}""";
        PipelineSpec unsaid = ModelReader.pipeline(json(pipeline.formatted("")));
        PipelineSpec given = ModelReader.pipeline(json(pipeline.formatted(", \"retry\": {\"attempts\": 0}")));

        assertThat(unsaid.sync().retry()).isEqualTo(new RetrySpec(8, 60));
        assertThat(unsaid.definition()).containsEntry("retry", Map.of("attempts", 8, "max_delay_seconds", 60));
        assertThat(given.definition()).containsEntry("retry", Map.of("attempts", 0, "max_delay_seconds", 60));
        assertThat(SyncSpec.of(given.definition()).retry().effectiveAttempts()).as("kept in the store").isZero();
        // a definition stored before the field existed reads with the defaults
        assertThat(SyncSpec.of(Map.of("streams", List.of(Map.of("name", "a.b")))).retry()).isEqualTo(RetrySpec.DEFAULT);
        for (String wrong : List.of("{\"attempts\": -1}", "{\"attempts\": 101}", "{\"max_delay_seconds\": 0}",
                "{\"max_delay_seconds\": 3601}", "{\"attempts\": 3, \"max_delay_seconds\": \"soon\"}")) {
            InvalidModelException refused = catchThrowableOfType(() -> ModelReader.pipeline(json(pipeline.formatted(
                    ", \"retry\": " + wrong))), InvalidModelException.class);
            assertThat(refused.violations()).as(wrong).extracting(ConfigViolation::field).hasSize(1)
                    .allMatch(field -> field.startsWith("retry."));
        }
    }

    @Test
    void namesStreamErrorsByIndexWhenAllFieldsBind() throws Exception {
        InvalidModelException refused = catchThrowableOfType(() -> ModelReader.pipeline(json("""
                {"name": "p", "source_id": "s", "destination_id": "d",
                 "streams": [{"name": "a.b"}, {"name": "a.b", "cursor_field": ""}, {"name": "c.d", "sync_mode": "sometimes"},
                             {"name": "e.f", "sync_mode": "cdc", "write_mode": "append"},
                             {"name": "g.h", "sync_mode": "cdc", "write_mode": "merge"}]}""")),
                InvalidModelException.class);

        assertThat(refused.violations()).containsExactly(
                new ConfigViolation("streams[1].name", "selects a.b twice"),
                new ConfigViolation("streams[1].cursor_field", "must be a column name"),
                new ConfigViolation("streams[2].sync_mode", "must be one of [full_refresh, incremental, cdc]"),
                new ConfigViolation("streams[3].write_mode", "must be upsert (or left out) for a cdc stream: changes are"
                        + " applied by key"),
                new ConfigViolation("streams[4].write_mode", "must be one of [append, upsert, replace]"));
    }

    @Test
    void ignoresTheReadOnlyFieldsOfAnAnswerSoAGetBodyCanBePutBack() throws Exception {
        PipelineSpec written = ModelReader.pipeline(json("""
                {"name": "p", "source_id": "s", "destination_id": "d", "streams": [{"name": "a.b"}],
                 "notifications": [], "schedule": {"cron": "0 0 * * * ?", "timezone": "Europe/Paris"}}"""));
        JsonNode answer = JSON.valueToTree(written);
        ((com.fasterxml.jackson.databind.node.ObjectNode) answer).put("id", "1f").put("created_at", "2026-01-01T00:00:00Z")
                .put("updated_at", "2026-01-02T00:00:00Z").putObject("last_run").put("status", "succeeded");

        PipelineSpec again = ModelReader.pipeline(answer);

        assertThat(again).isEqualTo(written);
        assertThat(again.definition()).isEqualTo(written.definition());
    }

    @Test
    void acceptsTheShapeTheApiAlwaysTookIncludingUpperCaseModes() throws Exception {
        PipelineSpec spec = ModelReader.pipeline(json("""
                {"name": "p", "source_id": "s", "destination_id": "d", "enabled": false, "depends_on": ["u"],
                 "streams": [{"name": "a.b", "sync_mode": "FULL_REFRESH", "write_mode": "append", "primary_key": ["id"]}],
                 "zones": ["raw", "normalized"], "error_threshold": 5, "look_back_seconds": 60,
                 "soft_delete_mode": "flag", "quality_checks": {"unique_key": "fail", "max_null_ratio": {"email": 0.5}},
                 "misfire_policy": "skip", "overlap_policy": "queue"}"""));

        assertThat(spec.enabled()).isFalse();
        assertThat(spec.sync().streams().get(0).syncMode()).isEqualTo("full_refresh");
        assertThat(spec.sync().rawZone()).isTrue();
        assertThat(spec.sync().qualityChecks()).isEqualTo(new QualityChecksSpec("warn", "fail", Map.of("email", 0.5), "fail"));
        assertThat(spec.policies()).isEqualTo(new SchedulingPolicies(MisfirePolicy.SKIP, OverlapPolicy.QUEUE));
    }

    @Test
    void rebuildsTheSameModelFromWhatTheStoreKeeps() throws Exception {
        PipelineSpec spec = ModelReader.pipeline(json("""
                {"name": "p", "source_id": "s", "destination_id": "d",
                 "streams": [{"name": "a.b", "cursor_field": "updated_at"}], "overlap_policy": "queue"}"""));

        PipelineSpec stored = PipelineSpec.of("p", "s", "d", true, null, List.of(), null, spec.definition());

        assertThat(stored).isEqualTo(spec);
        assertThat(SchedulingPolicies.of(spec.definition()).overlap()).isEqualTo(OverlapPolicy.QUEUE);
        assertThat(SyncSpec.of(spec.definition()).streams().get(0).cursorField()).isEqualTo("updated_at");
    }

    @Test
    void bindsAsWrittenWithoutDefaultsSoTheServiceCanAddItsOwnChecks() throws Exception {
        PipelineSpec written = ModelReader.pipelineAsWritten(json("{\"name\": \"p\"}"));

        assertThat(written.batchSize()).isNull();
        assertThat(written.streams()).isNull();
        InvalidModelException refused = catchThrowableOfType(() -> ModelReader.pipelineAsWritten(json("""
                {"name": 5, "streams": [{"name": "a.b"}], "batch_size": 0}""")), InvalidModelException.class);
        assertThat(refused.violations()).extracting(ConfigViolation::field)
                .containsExactlyInAnyOrder("name", "batch_size", "source_id", "destination_id");
    }

    @Test
    void refusesABodyThatIsNotAnObject() throws Exception {
        InvalidModelException refused = catchThrowableOfType(() -> ModelReader.pipeline(json("[1]")),
                InvalidModelException.class);

        assertThat(refused.violations()).containsExactly(new ConfigViolation("body", "must be an object"));
    }

    @Test
    void connectionsIgnoreTheirReadOnlyFieldsAndRefuseUnknownOnes() throws Exception {
        ConnectionSpec spec = ModelReader.connection(json("""
                {"id": "c", "name": "pg", "type": "postgresql", "config": {"host": "db", "port": 5432},
                 "available": true, "created_by": "ann", "created_at": null, "updated_at": null}"""));

        assertThat(spec.config()).containsEntry("port", 5432);
        InvalidModelException refused = catchThrowableOfType(() -> ModelReader.notificationTarget(json("""
                {"name": 1, "type": "webhook", "confg": {}}""")), InvalidModelException.class);
        assertThat(refused.violations()).extracting(ConfigViolation::field).containsExactlyInAnyOrder("name", "confg");
    }

    @Test
    void namesEveryMistakeInsideTheNotificationsAtOnce() throws Exception {
        InvalidModelException refused = catchThrowableOfType(() -> ModelReader.pipeline(json("""
                {"name": "p", "source_id": "s", "destination_id": "d", "streams": [{"name": "a.b"}],
                 "notifications": [{"target_id": "t", "events": ["run_failed", "nope"]}, {"events": ["run_failed"]},
                                   {"channel": "#ops"}]}""")), InvalidModelException.class);

        assertThat(refused.violations()).extracting(ConfigViolation::field).containsExactlyInAnyOrder(
                "notifications[0].events[1]", "notifications[1].target_id", "notifications[2].channel",
                "notifications[2].target_id", "notifications[2].events");
    }

    @Test
    void refusesAModelRefToNeitherAStreamNorAnEarlierModel() throws Exception {
        InvalidModelException refused = catchThrowableOfType(() -> ModelReader.pipeline(json("""
                {"name": "p", "source_id": "s", "destination_id": "d", "streams": [{"name": "public.orders"}],
                 "models": [{"name": "daily", "sql": "select * from {{ ref('public.orders') }}"},
                            {"name": "weekly", "sql": "select * from {{ref(\\"daily\\")}} join {{ ref('later') }}"},
                            {"name": "later", "sql": "select 1"},
                            {"name": "empty"}]}""")),
                InvalidModelException.class);

        assertThat(refused.violations()).containsExactly(
                new ConfigViolation("models[1].sql",
                        "ref('later') names neither a stream of the pipeline nor an earlier model"),
                new ConfigViolation("models[3].sql", "is required (one SELECT)"));
        assertThat(new ModelSpec("m", "{{ ref('a.b') }} {{ref(\"m2\")}} {{ ref('a.b') }}", null, null).refs())
                .containsExactly("a.b", "m2");
    }
}

package io.arus.core.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the API's JSON mapper refuses, and how ProblemMapper names the field. */
class StrictJsonTest {
    record Named(String name, List<String> ids) {
    }

    record Counted(int limit, boolean enabled) {
    }

    private static Problem refusal(String json, Class<?> type) {
        Throwable failure = catchThrowable(() -> JsonProvider.MAPPER.readValue(json, type));
        assertThat(failure).as("reading %s as %s", json, type.getSimpleName()).isNotNull();
        return ProblemMapper.toProblem(failure, "/api/test");
    }

    @Test
    void refusesANumberOrBooleanInAStringField() {
        Problem number = refusal("{\"name\": 5}", Named.class);
        Problem bool = refusal("{\"name\": true}", Named.class);
        Problem decimal = refusal("{\"name\": 1.5}", Named.class);

        assertThat(List.of(number, bool, decimal)).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.errors()).containsExactly(new Problem.FieldError("name", "must be a string"));
        });
    }

    @Test
    void refusesAStringInANumberOrBooleanField() {
        assertThat(refusal("{\"limit\": \"10\", \"enabled\": true}", Counted.class).errors())
                .containsExactly(new Problem.FieldError("limit", "must be a number"));
        assertThat(refusal("{\"limit\": 10, \"enabled\": \"true\"}", Counted.class).errors())
                .containsExactly(new Problem.FieldError("enabled", "must be true or false"));
    }

    @Test
    void refusesANullInsideAList() {
        Problem problem = refusal("{\"name\": \"a\", \"ids\": [\"x\", null]}", Named.class);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).containsExactly(new Problem.FieldError("ids[1]", "must not be null"));
    }

    @Test
    void refusesAnUnknownFieldWithItsPath() {
        Problem problem = refusal("{\"name\": \"a\", \"nmae\": \"b\"}", Named.class);

        assertThat(problem.errors()).containsExactly(new Problem.FieldError("nmae", "is not a known field"));
        assertThat(problem.detail()).isEqualTo("nmae: is not a known field");
    }

    @Test
    void ignoresTheReadOnlyFieldsAGetAnswerCarriesInAConnectionTargetOrUserBody() throws Exception {
        io.arus.core.model.ConnectionSpec connection = JsonProvider.MAPPER.readValue("""
                {"id": "c1", "name": "pg", "type": "postgresql", "config": {"host": "db"}, "available": true,
                 "created_by": "admin", "created_at": "2026-01-01T00:00:00Z", "updated_at": null}""",
                io.arus.core.model.ConnectionSpec.class);
        io.arus.core.model.NotificationTargetSpec target = JsonProvider.MAPPER.readValue("""
                {"id": "t1", "name": "ops", "type": "webhook", "config": {}, "available": true, "pipelines": [],
                 "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}""",
                io.arus.core.model.NotificationTargetSpec.class);
        UserResource.UserPatch user = JsonProvider.MAPPER.readValue("""
                {"id": "u1", "username": "ann", "role": "editor", "created_at": "2026-01-01T00:00:00Z",
                 "updated_at": null}""", UserResource.UserPatch.class);

        assertThat(connection.name()).isEqualTo("pg");
        assertThat(connection.config()).isEqualTo(Map.of("host", "db"));
        assertThat(target.type()).isEqualTo("webhook");
        assertThat(user.role()).isEqualTo("editor");
    }

    @Test
    void stillRefusesUnknownFieldsBesideTheReadOnlyOnes() {
        Problem problem = refusal("{\"id\": \"c1\", \"name\": \"pg\", \"type\": \"postgresql\", \"confg\": {}}",
                io.arus.core.model.ConnectionSpec.class);

        assertThat(problem.errors()).containsExactly(new Problem.FieldError("confg", "is not a known field"));
    }
}

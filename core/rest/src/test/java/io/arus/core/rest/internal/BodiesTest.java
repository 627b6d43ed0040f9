package io.arus.core.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BodiesTest {
    private static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder("host", FieldType.HOST).required().build(),
            ConfigField.builder("database", FieldType.STRING).build(),
            ConfigField.builder("query", FieldType.TEXT).build(),
            ConfigField.builder("tables", FieldType.LIST).build());

    @Test
    void refusesConfigStringsLongerThanTheirKindAllowsNamingEachField() {
        ApiException refused = catchThrowableOfType(() -> Bodies.validConfig(SPEC, Map.of(
                "host", "h".repeat(254), "database", "d".repeat(1_001), "tables", List.of("t".repeat(1_001)))),
                ApiException.class);

        assertThat(refused.status().getStatusCode()).isEqualTo(400);
        assertThat(refused.errors()).extracting(Problem.FieldError::field)
                .containsExactlyInAnyOrder("config.host", "config.database", "config.tables");
        assertThat(refused.errors()).anySatisfy(e -> assertThat(e.message()).isEqualTo("must be at most 1000 characters"));
    }

    @Test
    void acceptsValuesWithinTheirMaxima() {
        Bodies.validConfig(SPEC, Map.of("host", "db.example.com", "database", "d".repeat(1_000),
                "query", "select 1 -- " + "x".repeat(100_000)));
    }
}

package io.arus.core.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.arus.api.record.Offset;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answer of {@code GET /api/pipelines/{id}/state}: the offsets as before typed offsets, plus the schemas. */
class PipelineStateViewTest {
    @Test
    void offsetsKeepTheirJsonShapeAndSchemasComeBeside() throws Exception {
        PipelineStateView state = new PipelineStateView("p1",
                Map.of("public.orders", Map.of("all", new Offset(2, Map.of("id", 2500, "amount", new BigDecimal("1.50"))))),
                Map.of("public.orders", List.of("id int64", "amount decimal(12,2)")),
                Map.of("public.orders", Map.of("slot", "arus_orders_0123456789abcdef", "retained_bytes", 4096L)));

        JsonNode json = JsonProvider.MAPPER.readTree(JsonProvider.MAPPER.writeValueAsString(state));

        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("pipeline_id", "streams", "schemas",
                "change_feeds");
        assertThat(json.path("change_feeds").path("public.orders").path("retained_bytes").asLong()).isEqualTo(4096);
        assertThat(json.path("pipeline_id").asText()).isEqualTo("p1");
        JsonNode offset = json.path("streams").path("public.orders").path("all");
        assertThat(offset.fieldNames()).toIterable().containsExactlyInAnyOrder("version", "values");
        assertThat(offset.path("version").asInt()).isEqualTo(2);
        assertThat(offset.path("values").path("id").asLong()).isEqualTo(2500);
        assertThat(offset.path("values").path("amount").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(json.path("schemas").path("public.orders").toString()).isEqualTo("[\"id int64\",\"amount decimal(12,2)\"]");
    }

    @Test
    void theOpenApiDocumentDescribesTheAnswer() throws Exception {
        JsonNode document = new ObjectMapper().readTree(new String(OpenApiDocument.json(
                OpenApiDocument.generate(List.of(PipelineResource.class), "9.9.9-test")), StandardCharsets.UTF_8));

        JsonNode answer = document.path("paths").path("/pipelines/{id}/state").path("get").path("responses")
                .path("200").path("content").path("application/json").path("schema");
        assertThat(answer.path("$ref").asText()).endsWith("/PipelineStateView");
        JsonNode view = document.path("components").path("schemas").path("PipelineStateView").path("properties");
        assertThat(view.fieldNames()).toIterable().containsExactlyInAnyOrder("pipeline_id", "streams", "schemas",
                "change_feeds");
        assertThat(view.path("schemas").path("additionalProperties").path("items").path("type").asText())
                .isEqualTo("string");
        JsonNode offset = document.path("components").path("schemas").path("Offset").path("properties");
        assertThat(offset.fieldNames()).toIterable().containsExactlyInAnyOrder("version", "values");
    }
}

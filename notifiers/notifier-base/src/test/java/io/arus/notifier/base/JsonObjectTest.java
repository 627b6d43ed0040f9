package io.arus.notifier.base;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonObjectTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesMembersInOrderWithEveryValueKind() throws Exception {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("rows_read", 3L);
        String text = new JsonObject().put("text", "hi").put("n", 12).put("ok", true).put("none", null)
                .put("price", new BigDecimal("1E+3")).put("list", List.of(1, "two", new JsonObject().put("x", 1)))
                .put("counts", counts).put("empty", Map.of()).toString();

        assertThat(text).isEqualTo("{\"text\":\"hi\",\"n\":12,\"ok\":true,\"none\":null,\"price\":1000,"
                + "\"list\":[1,\"two\",{\"x\":1}],\"counts\":{\"rows_read\":3},\"empty\":{}}");
    }

    @Test
    void escapesQuotesBackslashesAndEveryControlCharacter() throws Exception {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        String nasty = "say \"hi\" \\ to " + controls + " \u2028 and 🚀 ünïcödé </script>";

        JsonNode parsed = JSON.readTree(new JsonObject().put("text", nasty).toString());

        assertThat(parsed.get("text").asText()).isEqualTo(nasty);
    }

    @Test
    void leavesOutAbsentOptionalMembers() {
        String text = new JsonObject().putIfPresent("a", null).putIfPresent("b", "x").toString();

        assertThat(text).isEqualTo("{\"b\":\"x\"}");
    }

    @Test
    void writesNumbersJsonCannotHoldAsStrings() throws Exception {
        JsonNode parsed = JSON.readTree(new JsonObject().put("nan", Double.NaN).put("inf", Float.POSITIVE_INFINITY)
                .toString());

        assertThat(parsed.get("nan").asText()).isEqualTo("NaN");
        assertThat(parsed.get("inf").asText()).isEqualTo("Infinity");
    }

    @Test
    void quotesAStringLiteral() {
        assertThat(JsonObject.quote("a\"b")).isEqualTo("\"a\\\"b\"");
    }
}

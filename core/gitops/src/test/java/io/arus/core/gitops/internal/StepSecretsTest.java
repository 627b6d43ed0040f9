package io.arus.core.gitops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class StepSecretsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMaskedStepSecretIsExportedAsItsPlaceholderWhichAnUpdateSendsBackAsTheMask() throws Exception {
        ObjectNode pipeline = (ObjectNode) JSON.readTree("""
                {"name": "sales", "streams": [{"name": "public.orders", "transforms": [
                  {"type": "rename", "config": {"columns": {"email": "customer_email"}}},
                  {"type": "hash", "config": {"columns": ["customer_email"], "salt": "******"}},
                  {"type": "hash", "config": {"columns": ["phone"], "salt": "${env:MY_SALT}"}}]}]}""");

        JsonNode exported = Canonical.stepSecrets("sales", pipeline.get("streams").deepCopy(), true);

        assertThat(exported.get(0).path("transforms").get(1).path("config").path("salt").asText())
                .isEqualTo("${env:SECRET_PIPELINE_SALES_PUBLIC_ORDERS_1_SALT}");
        assertThat(exported.get(0).path("transforms").get(2).path("config").path("salt").asText())
                .as("a reference is written as it is").isEqualTo("${env:MY_SALT}");
        ObjectNode document = pipeline.deepCopy();
        document.set("streams", exported);
        ObjectNode sent = PipelinesAsCodeService.keepStepSecrets(document);
        assertThat(sent.get("streams")).isEqualTo(pipeline.get("streams"));
        assertThat(document.get("streams").get(0).path("transforms").get(1).path("config").path("salt").asText())
                .as("the document itself is not changed").startsWith("${env:SECRET_");
    }
}

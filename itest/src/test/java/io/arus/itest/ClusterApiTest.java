package io.arus.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code GET /api/cluster} on a single node: not clustered, the node itself listed, alive, answering. */
class ClusterApiTest {
    @Test
    void aSingleServerListsItselfAliveAsTheNodeThatAnswers() throws Exception {
        ArusServer server = ArusServer.await();
        JsonNode cluster = server.awaitMatch("/api/cluster", Duration.ofSeconds(20),
                c -> c.path("nodes").size() > 0, "the node's first heartbeat");
        assertThat(cluster.path("clustered").asBoolean()).isFalse();
        String node = cluster.path("node").asText();
        assertThat(node).isNotBlank();
        JsonNode self = null;
        for (JsonNode each : cluster.path("nodes")) {
            if (each.path("id").asText().equals(node)) {
                self = each;
            }
        }
        assertThat(self).as("this node in the list").isNotNull();
        assertThat(self.path("this").asBoolean()).isTrue();
        assertThat(self.path("alive").asBoolean()).isTrue();
        assertThat(self.path("runs").isArray()).isTrue();
        assertThat(server.send("GET", "/api/cluster", null, null).statusCode()).isEqualTo(401);
    }
}

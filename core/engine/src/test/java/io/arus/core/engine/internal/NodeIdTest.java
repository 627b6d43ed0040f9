package io.arus.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdTest {
    @Test
    void aGivenIdWinsThenTheOneKeptInTheDataFolderWhichStaysAcrossRestarts(@TempDir Path data) throws Exception {
        assertThat(NodeId.of(Map.of(NodeId.PROPERTY, "node-a")::get, "node-b")).isEqualTo("node-a");
        assertThat(NodeId.of(name -> null, "node-b")).isEqualTo("node-b");

        Map<String, String> properties = Map.of("arus.data.dir", data.toString());
        String first = NodeId.of(properties::get, null);
        assertThat(first).isNotBlank();
        assertThat(Files.readString(data.resolve(NodeId.FILE)).trim()).isEqualTo(first);
        assertThat(NodeId.of(properties::get, null)).as("after a restart").isEqualTo(first);
        assertThat(NodeId.of(Map.of("arus.data.dir", data.resolve("other").toString())::get, null))
                .as("another node's data folder").isNotEqualTo(first);
    }
}

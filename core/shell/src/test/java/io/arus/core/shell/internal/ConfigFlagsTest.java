package io.arus.core.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import io.arus.api.plugin.TypeDescriptor;
import io.arus.core.model.InvalidModelException;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.platform.PluginKind;
import io.arus.core.platform.PluginType;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFlagsTest {
    private static final PluginCatalog CATALOG = (PluginCatalog) Proxy.newProxyInstance(PluginCatalog.class.getClassLoader(),
            new Class<?>[] {PluginCatalog.class}, (proxy, method, args) -> List.of(new PluginType(PluginKind.CONNECTOR,
                    new TypeDescriptor("pg", "PostgreSQL", "1.0.0", "", null, ConfigSpec.of(
                            ConfigField.builder("host", FieldType.HOST).build(),
                            ConfigField.builder("port", FieldType.PORT).build(),
                            ConfigField.builder("ssl", FieldType.BOOLEAN).build(),
                            ConfigField.builder("schemas", FieldType.LIST).build(),
                            ConfigField.builder("password", FieldType.SECRET).secret().build())),
                    Set.of(), "io.example.pg", 12)));

    @TempDir
    Path folder;

    @Test
    void settingsAreTypedByTheConnectorsSpec() {
        JsonNode node = ConfigFlags.definition(CATALOG, PluginKind.CONNECTOR, "", "db", "pg",
                new String[] {"host=127.0.0.1", "port=5432", "ssl=true", "schemas=a, b", "password=${env:DB_PW}",
                        "extra=x=y"});

        assertThat(node.path("name").asText()).isEqualTo("db");
        assertThat(node.path("config").path("port").isIntegralNumber()).isTrue();
        assertThat(node.path("config").path("ssl").isBoolean()).isTrue();
        assertThat(node.path("config").path("schemas")).hasSize(2);
        assertThat(node.path("config").path("password").asText()).isEqualTo("${env:DB_PW}");
        assertThat(node.path("config").path("extra").asText()).as("unknown keys stay text for the service to refuse")
                .isEqualTo("x=y");
        assertThat(node.path("config").path("host").isTextual()).isTrue();
    }

    @Test
    void aValueThatIsNotANumberIsLeftForTheServiceToNameAndASettingWithoutEqualsIsRefused() {
        assertThat(ConfigFlags.definition(CATALOG, PluginKind.CONNECTOR, "", "db", "pg", new String[] {"port=high"})
                .path("config").path("port").asText()).isEqualTo("high");
        assertThatThrownBy(() -> ConfigFlags.definition(CATALOG, PluginKind.CONNECTOR, "", "", "pg", new String[] {"host"}))
                .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.field()).containsExactly("name", "config"));
    }

    @Test
    void aFileIsReadAsYamlAndNotMixedWithFlags() throws Exception {
        Path file = folder.resolve("source.yaml");
        Files.writeString(file, "name: db\ntype: pg\nconfig:\n  port: 5432\n");

        assertThat(ConfigFlags.definition(CATALOG, PluginKind.CONNECTOR, file.toString(), "", "", new String[0])
                .path("config").path("port").asInt()).isEqualTo(5432);
        assertThatThrownBy(() -> ConfigFlags.definition(CATALOG, PluginKind.CONNECTOR, file.toString(), "db", "", new String[0]))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ConfigFlags.definition(CATALOG, PluginKind.CONNECTOR, folder.resolve("none.yaml").toString(),
                "", "", new String[0])).hasMessageContaining("no such file");
    }
}

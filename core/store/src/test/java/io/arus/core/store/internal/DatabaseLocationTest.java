package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DatabaseLocationTest {
    private static final UnaryOperator<String> NONE = key -> null;

    @Test
    void defaultsToAnH2FileNamedMetadataInTheDataDirectory() {
        DatabaseLocation location = DatabaseLocation.resolve(of("arus.data.dir", "/srv/arus/data"), NONE);

        assertThat(location.dialect()).isEqualTo(Dialect.H2);
        assertThat(location.url()).startsWith("jdbc:h2:file:" + Path.of("/srv/arus/data/metadata").toAbsolutePath()
                .toString().replace('\\', '/') + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    }

    @Test
    void withoutADataDirectoryUsesDataInTheWorkingDirectory() {
        DatabaseLocation location = DatabaseLocation.resolve(NONE, NONE);

        assertThat(location.url()).contains(Path.of("data", "metadata").toAbsolutePath().toString().replace('\\', '/'));
    }

    @Test
    void aConfiguredUrlSelectsPostgreSqlWithItsCredentials() {
        DatabaseLocation location = DatabaseLocation.resolve(of("arus.db.url", "jdbc:postgresql://db:5432/arus",
                "arus.db.user", "arus", "arus.db.password", "s3cret"), NONE);

        assertThat(location).isEqualTo(new DatabaseLocation(Dialect.POSTGRESQL, "jdbc:postgresql://db:5432/arus",
                "arus", "s3cret"));
    }

    @Test
    void theEnvironmentSuppliesWhatPropertiesDoNotAndPropertiesWin() {
        UnaryOperator<String> env = of("ARUS_DB_URL", "jdbc:postgresql://env/arus", "ARUS_DB_USER", "env-user",
                "ARUS_DB_PASSWORD", "env-password");

        assertThat(DatabaseLocation.resolve(NONE, env)).isEqualTo(new DatabaseLocation(Dialect.POSTGRESQL,
                "jdbc:postgresql://env/arus", "env-user", "env-password"));
        assertThat(DatabaseLocation.resolve(of("arus.db.url", "jdbc:postgresql://prop/arus", "arus.db.user", " "),
                env)).isEqualTo(new DatabaseLocation(Dialect.POSTGRESQL, "jdbc:postgresql://prop/arus", "env-user",
                "env-password"));
    }

    @Test
    void refusesADatabaseItCannotStoreMetadataIn() {
        assertThatThrownBy(() -> DatabaseLocation.resolve(of("arus.db.url", "jdbc:mysql://db/arus"), NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PostgreSQL");
    }

    @Test
    void neverShowsThePassword() {
        DatabaseLocation location = new DatabaseLocation(Dialect.POSTGRESQL,
                "jdbc:postgresql://admin:pw1@db:5432/arus?user=admin&password=pw2&ssl=true", "admin", "pw3");

        assertThat(location.safeUrl()).isEqualTo("jdbc:postgresql://db:5432/arus?user=admin&password=***&ssl=true");
        assertThat(location.toString()).doesNotContain("pw1", "pw2", "pw3");
    }

    private static UnaryOperator<String> of(String... keysAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map::get;
    }
}

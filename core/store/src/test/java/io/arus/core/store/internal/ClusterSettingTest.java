package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSettingTest {
    @Test
    void clusterModeIsTrueOrFalseFromThePropertyElseTheEnvironment() {
        assertThat(MetadataPersistence.clusterSetting(null, null)).isFalse();
        assertThat(MetadataPersistence.clusterSetting(null, "TRUE")).isTrue();
        assertThat(MetadataPersistence.clusterSetting("false", "true")).isFalse();
        assertThatThrownBy(() -> MetadataPersistence.clusterSetting(null, "yes"))
                .hasMessage("ARUS_CLUSTER must be true or false, not 'yes'");
    }

    @Test
    void clusterModeOnTheEmbeddedH2FileIsRefusedWithWhatToSet(@TempDir Path data) {
        assertThatThrownBy(() -> new MetadataPersistence(DatabaseLocation.h2(data),
                MetadataPersistence.class.getClassLoader(), true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ARUS_CLUSTER=true needs a PostgreSQL metadata database")
                .hasMessageContaining("ARUS_DB_URL=jdbc:postgresql://");
        MetadataPersistence single = new MetadataPersistence(DatabaseLocation.h2(data),
                MetadataPersistence.class.getClassLoader(), false);
        assertThat(single.clustered()).isFalse();
        single.close();
    }
}

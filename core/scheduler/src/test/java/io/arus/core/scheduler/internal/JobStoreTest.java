package io.arus.core.scheduler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;

class JobStoreTest {
    @Test
    void eachDialectGetsItsDriverDelegate() {
        assertThat(QuartzSettings.of("postgresql").getProperty("org.quartz.jobStore.driverDelegateClass"))
                .isEqualTo(PostgreSQLDelegate.class.getName());
        assertThat(QuartzSettings.of("h2").getProperty("org.quartz.jobStore.driverDelegateClass"))
                .isEqualTo(StdJDBCDelegate.class.getName());
        assertThat(QuartzSettings.of("h2")).containsEntry("org.quartz.scheduler.instanceName", "arus")
                .containsEntry("org.quartz.scheduler.instanceId", "AUTO")
                .containsEntry("org.quartz.threadPool.threadCount", "2")
                .containsEntry("org.quartz.jobStore.misfireThreshold", "5000")
                .containsEntry("org.quartz.jobStore.isClustered", "false");
        assertThat(QuartzSettings.of("postgresql", true)).containsEntry("org.quartz.jobStore.isClustered", "true")
                .containsEntry("org.quartz.jobStore.clusterCheckinInterval", "5000")
                .containsEntry("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    }

    @Nested
    class OnH2 extends JobStoreContract {
        @Override
        String dialect() {
            return "h2";
        }
    }

    @Nested
    class OnPostgreSql extends JobStoreContract {
        @Override
        String dialect() {
            return "postgresql";
        }
    }
}

package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {
    @Test
    void everyMigrationHasAScriptForEveryDialect() {
        for (Migration migration : Migrator.MIGRATIONS) {
            for (Dialect dialect : Dialect.values()) {
                assertThat(getClass().getClassLoader().getResource(migration.scriptPath(dialect)))
                        .as(migration.scriptPath(dialect)).isNotNull();
            }
        }
        assertThat(Migrator.MIGRATIONS).extracting(Migration::version).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    }

    @Nested
    class OnH2 extends MigrationContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends MigrationContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }

        @Test
        void nodesStartingTogetherApplyEachScriptOnce(@TempDir Path unused) throws Exception {
            try (TestDatabase empty = TestDatabase.create(Dialect.POSTGRESQL, unused)) {
                int nodes = 4;
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService executor = Executors.newFixedThreadPool(nodes);
                try {
                    List<Future<Integer>> applied = new ArrayList<>();
                    for (int i = 0; i < nodes; i++) {
                        Callable<Integer> node = () -> {
                            start.await();
                            return new Migrator(empty.dataSource(), Dialect.POSTGRESQL,
                                    getClass().getClassLoader()).migrate();
                        };
                        applied.add(executor.submit(node));
                    }
                    start.countDown();
                    int total = 0;
                    for (Future<Integer> result : applied) {
                        total += result.get();
                    }
                    assertThat(total).isEqualTo(Migrator.MIGRATIONS.size());
                    assertThat(empty.queryLong("SELECT COUNT(*) FROM " + Migrator.VERSION_TABLE))
                            .isEqualTo(Migrator.MIGRATIONS.size());
                } finally {
                    executor.shutdownNow();
                }
            }
        }
    }
}

package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class PendingRunStoreTest {
    @Nested
    class OnH2 extends PendingRunStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends PendingRunStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

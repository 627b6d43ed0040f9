package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class DeadLetterStoreTest {
    @Nested
    class OnH2 extends DeadLetterStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends DeadLetterStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

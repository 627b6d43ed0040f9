package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class ConnectionStoreTest {
    @Nested
    class OnH2 extends ConnectionStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends ConnectionStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class ApiTokenStoreTest {
    @Nested
    class OnH2 extends ApiTokenStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends ApiTokenStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

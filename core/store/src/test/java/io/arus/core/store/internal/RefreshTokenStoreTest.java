package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class RefreshTokenStoreTest {
    @Nested
    class OnH2 extends RefreshTokenStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends RefreshTokenStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

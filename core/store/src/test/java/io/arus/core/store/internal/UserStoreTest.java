package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class UserStoreTest {
    @Nested
    class OnH2 extends UserStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends UserStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

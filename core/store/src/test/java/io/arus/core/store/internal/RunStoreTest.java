package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class RunStoreTest {
    @Nested
    class OnH2 extends RunStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends RunStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

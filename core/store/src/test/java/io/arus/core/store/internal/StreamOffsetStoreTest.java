package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class StreamOffsetStoreTest {
    @Nested
    class OnH2 extends StreamOffsetStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends StreamOffsetStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

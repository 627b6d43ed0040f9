package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class StreamSchemaStoreTest {
    @Nested
    class OnH2 extends StreamSchemaStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends StreamSchemaStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

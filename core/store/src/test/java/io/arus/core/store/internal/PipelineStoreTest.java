package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class PipelineStoreTest {
    @Nested
    class OnH2 extends PipelineStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends PipelineStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

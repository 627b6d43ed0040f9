package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class RunLeaseStoreTest {
    @Nested
    class OnH2 extends RunLeaseStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends RunLeaseStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class ClusterNodeStoreTest {
    @Nested
    class OnH2 extends ClusterNodeStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends ClusterNodeStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class NotificationTargetStoreTest {
    @Nested
    class OnH2 extends NotificationTargetStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends NotificationTargetStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class NotificationDeliveryStoreTest {
    @Nested
    class OnH2 extends NotificationDeliveryStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends NotificationDeliveryStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

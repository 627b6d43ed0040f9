package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class SettingsStoreTest {
    @Nested
    class OnH2 extends SettingsStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends SettingsStoreContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

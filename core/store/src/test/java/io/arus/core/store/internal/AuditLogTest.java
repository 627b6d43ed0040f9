package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class AuditLogTest {
    @Nested
    class OnH2 extends AuditLogContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends AuditLogContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

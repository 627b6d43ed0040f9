package io.arus.core.store.internal;

import org.junit.jupiter.api.Nested;

class EntityMappingTest {
    @Nested
    class OnH2 extends EntityMappingContract {
        @Override
        Dialect dialect() {
            return Dialect.H2;
        }
    }

    @Nested
    class OnPostgreSql extends EntityMappingContract {
        @Override
        Dialect dialect() {
            return Dialect.POSTGRESQL;
        }
    }
}

package io.arus.core.gitops.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretPlaceholderTest {
    @Test
    void namesKindObjectAndFieldUpperCasedWithOtherCharactersAsUnderscores() {
        assertThat(SecretPlaceholder.of(Kind.SOURCE, "shop-db", "password")).isEqualTo("${env:SECRET_SOURCE_SHOP_DB_PASSWORD}");
        assertThat(SecretPlaceholder.of(Kind.NOTIFICATION_TARGET, "Ops Team ü", "token"))
                .isEqualTo("${env:SECRET_NOTIFICATION_TARGET_OPS_TEAM___TOKEN}");
    }

    @Test
    void neverStartsWithTheArusPrefixTheServicesRefuse() {
        assertThat(SecretPlaceholder.of(Kind.DESTINATION, "arus", "key")).startsWith("${env:SECRET_");
    }
}

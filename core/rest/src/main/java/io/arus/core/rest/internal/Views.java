package io.arus.core.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.arus.core.store.ApiToken;
import io.arus.core.store.User;
import java.time.Instant;

/** The small JSON shapes of the account endpoints. */
final class Views {
    private Views() {
    }

    /** A user as every answer shows it: never the password hash. */
    record UserView(String id, String username, String role, Instant createdAt, Instant updatedAt) {
        static UserView of(User user) {
            return new UserView(user.id(), user.username(), user.role().id(), user.createdAt(), user.updatedAt());
        }
    }

    /** What login and refresh answer. */
    record SessionView(String accessToken, String refreshToken, String tokenType, long expiresIn, UserView user) {
    }

    /** An API token without its secret; {@code token} is set only in the answer that creates it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenView(String id, String name, String prefix, String userId, Instant createdAt, Instant lastUsedAt,
                     Instant expiresAt, String token) {
        static TokenView of(ApiToken token, String secret) {
            return new TokenView(token.id(), token.name(), token.prefix(), token.userId(), token.createdAt(),
                    token.lastUsedAt(), token.expiresAt(), secret);
        }
    }
}

package io.arus.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** API tokens. */
@ProviderType
public interface ApiTokenStore {
    /** @param userId a user id @return that user's tokens, newest first */
    List<ApiToken> list(String userId);

    /** @return every token, newest first */
    List<ApiToken> listAll();

    /** @return the new token record */
    ApiToken create(String userId, String name, String prefix, String tokenHash, Instant expiresAt);

    /** @param tokenHash SHA-256 hex of a presented token @return the token */
    Optional<ApiToken> byHash(String tokenHash);

    /** @param id a token id @return the token */
    Optional<ApiToken> byId(String id);

    /** Records a use. */
    void touch(String id, Instant at);

    /** @param id a token id @return whether a token was deleted */
    boolean delete(String id);

    /**
     * @param userId a user id
     * @return how many of that user's tokens were deleted
     * @since 1.3
     */
    int deleteByUser(String userId);
}

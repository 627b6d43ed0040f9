package io.arus.core.security;

import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/** Creates API tokens (listing and deleting them is plain {@link io.arus.core.store.ApiTokenStore} work). */
@ProviderType
public interface ApiTokens {
    /**
     * @param expiresAt when it stops working, or null for never
     * @return the token (shown once) and its stored record
     */
    IssuedApiToken create(String userId, String name, Instant expiresAt);
}

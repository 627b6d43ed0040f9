package io.arus.core.service;

import io.arus.core.security.IssuedApiToken;
import io.arus.core.store.ApiToken;
import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * API tokens for automation ({@code /api/tokens}, {@code arus:token*}). Everyone manages their own; an admin also
 * sees and revokes everyone's. The token itself is known only to the answer that creates it. The actor is the
 * owner: an actor that is no user (the shell before {@code arus:login}) owns no token and cannot create one.
 */
@ProviderType
public interface ApiTokenService {
    /** @return the actor's tokens, or every token for an admin */
    List<ApiToken> list(Actor actor);

    /**
     * @param name      what the token is for, at most 100 characters
     * @param expiresAt when it stops working (in the future), or null for never
     * @throws io.arus.core.model.InvalidModelException naming {@code name} or {@code expires_at}
     * @throws ForbiddenException                       when the actor is no user of the server
     */
    IssuedApiToken create(Actor actor, String name, Instant expiresAt);

    /**
     * @throws NotFoundException when there is no such token, or it is someone else's and the actor is no admin
     */
    void revoke(Actor actor, String id);
}

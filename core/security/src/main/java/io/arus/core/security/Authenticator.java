package io.arus.core.security;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Checks a bearer token: a JWT access token or an API token. */
@ProviderType
public interface Authenticator {
    /**
     * @param bearer the token after {@code Bearer }
     * @return the caller, or empty when the token is forged, expired, revoked or unknown
     */
    Optional<AuthenticatedUser> authenticate(String bearer);
}

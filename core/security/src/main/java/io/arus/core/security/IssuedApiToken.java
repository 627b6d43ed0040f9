package io.arus.core.security;

import io.arus.core.store.ApiToken;

/**
 * A freshly created API token: the only moment the token itself is known.
 *
 * @param token  the secret to send as {@code Authorization: Bearer ...}; not stored anywhere
 * @param record what is stored (hash, prefix, name, expiry)
 */
public record IssuedApiToken(String token, ApiToken record) {
}

package io.arus.core.security;

import io.arus.core.store.User;

/**
 * What a login or refresh returns.
 *
 * @param accessToken  a JWT, valid {@code expiresIn} seconds
 * @param refreshToken an opaque token, valid 7 days, usable once
 * @param expiresIn    seconds the access token stays valid
 * @param user         who logged in
 */
public record Session(String accessToken, String refreshToken, long expiresIn, User user) {
}

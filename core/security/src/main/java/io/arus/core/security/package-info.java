/**
 * Authentication and secrets: who is calling ({@link io.arus.core.security.Authenticator}), logging in and
 * refreshing ({@link io.arus.core.security.Sessions}), sign-in through an OpenID provider
 * ({@link io.arus.core.security.OidcSignIn}), API tokens ({@link io.arus.core.security.ApiTokens}), password hashing
 * ({@link io.arus.core.security.PasswordHasher}) and the encryption of connector secrets at rest
 * ({@link io.arus.core.security.SecretBox}, {@link io.arus.core.security.ConnectionSecrets}).
 */
@Export
@Version("1.2.0")
package io.arus.core.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

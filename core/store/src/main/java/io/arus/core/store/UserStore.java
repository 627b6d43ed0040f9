package io.arus.core.store;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** User accounts. */
@ProviderType
public interface UserStore {
    /** @return every user, by username */
    List<User> list();

    /** @param id a user id @return the user */
    Optional<User> byId(String id);

    /** @param username a username, any case @return the user */
    Optional<User> byUsername(String username);

    /**
     * @param username     unique, case-insensitive
     * @param passwordHash the hash
     * @param role         the role
     * @return the new user
     * @throws ConflictException when the username is taken
     */
    User create(String username, String passwordHash, Role role) throws ConflictException;

    /**
     * The password hash of a user who signs in only through an identity provider: no password matches it (it is no
     * PHC string), until an administrator sets one.
     *
     * @since 1.5
     */
    String NO_PASSWORD = "!external";

    /**
     * @param issuer  an OpenID provider's issuer URL
     * @param subject the provider's stable identifier of the user ({@code sub})
     * @return the user linked to that identity
     * @since 1.5
     */
    Optional<User> byIdentity(String issuer, String subject);

    /**
     * Creates a user linked to an identity at a provider, with no password ({@link #NO_PASSWORD}).
     *
     * @param username unique, case-insensitive
     * @return the new user
     * @throws ConflictException when the username or the identity is taken
     * @since 1.5
     */
    User createLinked(String username, Role role, String issuer, String subject) throws ConflictException;

    /**
     * Changes the password hash and/or role (null keeps the current value).
     *
     * @return the updated user, or empty when there is no such user
     */
    Optional<User> update(String id, String passwordHash, Role role);

    /**
     * Raises the user's token version by one, in the database (so on every node): every access token issued
     * before stops working at its next request.
     *
     * @return whether there is such a user
     * @since 1.3
     */
    boolean raiseTokenVersion(String id);

    /** @param id a user id @return whether a user was deleted (its tokens go with it) */
    boolean delete(String id);

    /** @param role a role @return how many users have it */
    long count(Role role);
}

package io.arus.core.service;

import io.arus.core.store.User;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The users of the server, for admins only (the API's {@code /api/users} and the shell's {@code arus:user*}). The
 * last admin can be neither deleted nor demoted. Every change is audited in the transaction that makes it; a new
 * password or role ends every session of the user.
 */
@ProviderType
public interface UserService {
    /**
     * @throws ForbiddenException unless the actor is an admin
     */
    List<User> list(Actor actor);

    /**
     * @param idOrUsername a user id or a username
     * @throws NotFoundException when there is no such user
     */
    User get(Actor actor, String idOrUsername);

    /**
     * @param username unique: letters, digits, '.', '_', '@' and '-', at most 64 characters
     * @param password 8 to 256 characters
     * @param role     viewer, editor or admin
     * @throws io.arus.core.model.InvalidModelException naming {@code username}, {@code password} or {@code role}
     * @throws ConflictException                        when the username is taken
     */
    User create(Actor actor, String username, String password, String role);

    /**
     * Sets a new password and/or role; either may be null (left as it is). A new password deletes the user's API
     * tokens unless {@code keepApiTokens}; a new password or role ends every session of the user.
     *
     * @throws NotFoundException when there is no such user
     * @throws ConflictException when it would demote the last admin
     */
    User update(Actor actor, String id, String password, String role, boolean keepApiTokens);

    /**
     * A user's change of their own password (any role): the current password must match. Every session of the user
     * ends, the one asking too, and the user's API tokens are deleted unless {@code keepApiTokens}.
     *
     * @param userId the id of the user the actor is
     * @throws io.arus.core.model.InvalidModelException naming {@code current_password} (wrong) or
     *                                                  {@code new_password} (8 to 256 characters)
     * @throws NotFoundException                        when the user no longer exists
     */
    void changeOwnPassword(Actor actor, String userId, String currentPassword, String newPassword, boolean keepApiTokens);

    /**
     * Deletes the user with its API tokens.
     *
     * @throws NotFoundException when there is no such user
     * @throws ConflictException for the last admin
     */
    void delete(Actor actor, String id);
}

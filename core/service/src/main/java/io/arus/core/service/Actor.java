package io.arus.core.service;

import io.arus.core.store.Role;
import java.util.Objects;

/**
 * Who asks for a change, as every service call that changes something takes it: the audit entry names the user and
 * the address; the role is checked as the API checks it (viewers read, editors change pipelines, sources,
 * destinations and notification targets, admins also users, settings and plugins).
 *
 * @param username the user (or API token owner) the audit log names
 * @param role     what the user may do
 * @param address  the client's address for the audit log, or a word such as {@code shell} or {@code gitops}
 */
public record Actor(String username, Role role, String address) {
    /** Checks that the fields are there. */
    public Actor {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
    }

    /**
     * @param needed the least role a call needs
     * @throws ForbiddenException when this actor's role does not include it
     */
    public void require(Role needed) {
        if (!role.includes(needed)) {
            throw new ForbiddenException("this needs the " + needed.id() + " role; " + username + " is " + role.id());
        }
    }
}

package io.arus.core.store;

import java.util.Locale;

/** What a user may do. Each role includes the ones before it. */
public enum Role {
    /** Reads everything, changes nothing. */
    VIEWER,
    /** Also creates, changes, deletes and runs pipelines, sources and destinations. */
    EDITOR,
    /** Also manages users, settings and plugins. */
    ADMIN;

    /** @return the lower-case name used in JSON and the database */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param role another role
     * @return whether this role includes everything {@code role} may do
     */
    public boolean includes(Role role) {
        return compareTo(role) >= 0;
    }

    /**
     * @param id {@code viewer}, {@code editor} or {@code admin}, any case
     * @return the role
     * @throws IllegalArgumentException for anything else
     */
    public static Role parse(String id) {
        for (Role role : values()) {
            if (role.id().equalsIgnoreCase(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be viewer, editor or admin");
    }
}

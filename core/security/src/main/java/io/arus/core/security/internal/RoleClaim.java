package io.arus.core.security.internal;

import io.arus.core.store.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps the values of a role or group claim of an ID token to an Arus role: the highest mapped one wins. */
final class RoleClaim {
    private RoleClaim() {
    }

    /**
     * @param claims   the ID token's claims (JSON values: strings, lists, maps)
     * @param claim    the claim's name, or a dotted path into nested objects ({@code realm_access.roles})
     * @param map      claim value to role
     * @param fallback the role when no value is mapped, or empty to refuse
     * @return the role, or empty when the user is to be refused
     */
    static Optional<Role> role(Map<String, Object> claims, String claim, Map<String, Role> map, Optional<Role> fallback) {
        Role best = null;
        for (String value : values(claims, claim)) {
            Role mapped = map.get(value);
            if (mapped != null && (best == null || mapped.includes(best))) {
                best = mapped;
            }
        }
        return best != null ? Optional.of(best) : fallback;
    }

    /** @return the claim's string values: one for a string, each string of a list, none otherwise */
    static List<String> values(Map<String, Object> claims, String claim) {
        Object value = claims;
        for (String part : claim.split("\\.")) {
            if (!(value instanceof Map<?, ?> object)) {
                return List.of();
            }
            value = object.get(part);
        }
        List<String> values = new ArrayList<>();
        if (value instanceof String text) {
            values.add(text);
        } else if (value instanceof Collection<?> list) {
            for (Object item : list) {
                if (item instanceof String text) {
                    values.add(text);
                }
            }
        }
        return values;
    }
}

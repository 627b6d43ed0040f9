package io.arus.core.rest.internal;

import io.arus.core.store.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a resource method needs; on a class it applies to every method without its own. A method with
 * neither this nor {@link PublicEndpoint} is refused to everyone: forgetting the annotation fails closed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRole {
    /** @return the least role */
    Role value();
}

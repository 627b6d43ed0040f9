package io.arus.core.rest.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that also takes its token as the {@code access_token} query parameter, when no Authorization
 * header came: a browser's EventSource cannot send headers. Only for streams the console opens that way.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TokenInQuery {
}

package io.arus.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a schedule does about fire times missed while the server was down. */
public enum MisfirePolicy {
    /** One run now, however many fire times were missed (the default). */
    RUN_ONCE,
    /** Nothing now: wait for the next fire time. */
    SKIP;

    /** @return the lower-case name the API and YAML use */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

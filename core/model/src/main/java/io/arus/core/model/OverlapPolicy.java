package io.arus.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a schedule or dependency trigger does while the pipeline is still running. */
public enum OverlapPolicy {
    /** The trigger is logged and dropped (the default). */
    SKIP,
    /** One more run starts once the current one ends. */
    QUEUE;

    /** @return the lower-case name the API and YAML use */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

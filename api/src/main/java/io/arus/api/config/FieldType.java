package io.arus.api.config;

import java.util.Locale;

/**
 * The kind of value a configuration field holds. It decides how the value is validated and how the console
 * draws the input.
 */
public enum FieldType {
    /** A single line of text. */
    STRING,
    /** Multi-line text (SQL, a certificate, a template). */
    TEXT,
    /** A whole number; may carry a minimum and maximum. */
    INT,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** One of the field's {@link ConfigField#options() options}. */
    ENUM,
    /** A password, token or key: always {@link ConfigField#secret() secret}. */
    SECRET,
    /** A host name or IP address, without scheme, path or spaces. */
    HOST,
    /** A TCP port, 1 to 65535. */
    PORT,
    /** An absolute URL with a scheme, such as {@code https://hooks.example.com/...}. */
    URL,
    /** A list of strings. */
    LIST,
    /**
     * An object of names to strings, e.g. a rename's {@code {"old_name": "new_name"}} or a cast's
     * {@code {"price": "decimal(12,2)"}}. Keys are non-empty; values are strings.
     */
    MAP,
    /**
     * A row expression (a string): the owning plugin compiles it and reports a bad one with its position; the
     * console checks it as the user types.
     */
    EXPRESSION;

    /** The lower-case name used in JSON and in the console, e.g. {@code "secret"}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.arus.core.platform;

import java.util.Locale;

/** The kinds of plugin type the server finds on the whiteboard. */
public enum PluginKind {
    /** A {@link io.arus.api.connector.Connector}. */
    CONNECTOR,
    /** A {@link io.arus.api.transform.Transform}. */
    TRANSFORM,
    /** A {@link io.arus.api.notify.Notifier}. */
    NOTIFIER;

    /** @return the lower-case name used in JSON */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}

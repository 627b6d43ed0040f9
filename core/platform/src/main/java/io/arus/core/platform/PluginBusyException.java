package io.arus.core.platform;

/** A drop-in plugin cannot be removed now; the message says why (for example, its activator is still running). */
public final class PluginBusyException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message why the plugin cannot be removed, for the user */
    public PluginBusyException(String message) {
        super(message);
    }
}

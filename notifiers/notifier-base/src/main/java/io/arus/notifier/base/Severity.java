package io.arus.notifier.base;

import io.arus.api.notify.Notification;

/** How good or bad a notification's news is; channels show it as a colour or an emoji. */
public enum Severity {
    /** A run succeeded or recovered. */
    SUCCESS("#2eb67d"),
    /** Something needs a look but no run failed: a quality check, a schema change, rejected rows, change lag. */
    WARNING("#ecb22e"),
    /** A run failed. */
    FAILURE("#e01e5a");

    private final String color;

    Severity(String color) {
        this.color = color;
    }

    /** @return the colour every channel shows this severity in, as {@code #rrggbb} */
    public String color() {
        return color;
    }

    /** @return the colour as a number, {@code 0xrrggbb} */
    public int rgb() {
        return Integer.parseInt(color.substring(1), 16);
    }

    /**
     * @param notification a notification
     * @return its severity, from the event
     */
    public static Severity of(Notification notification) {
        return switch (notification.event()) {
            case RUN_SUCCEEDED, RECOVERED -> SUCCESS;
            case QUALITY_CHECK_FAILED, SCHEMA_CHANGED, RUN_SUCCEEDED_WITH_WARNINGS, CDC_LAG -> WARNING;
            case RUN_FAILED -> FAILURE;
        };
    }
}

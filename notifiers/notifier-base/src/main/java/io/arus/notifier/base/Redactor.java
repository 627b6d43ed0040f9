package io.arus.notifier.base;

import io.arus.api.config.Config;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Takes known secrets (tokens, webhook URLs, passwords) out of text before it goes into an exception message or a
 * log: a server's error page or an I/O exception may echo the URL it was called with.
 */
public final class Redactor {
    private final List<String> secrets;

    /**
     * @param secrets the values to hide; {@code null}s and empty strings are ignored
     */
    public Redactor(Collection<String> secrets) {
        // the longest first, so that a URL is hidden whole before the token inside it
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(secret -> !secret.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /**
     * @param text any text, or {@code null}
     * @return the text with every secret replaced by {@link Config#MASK}
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, Config.MASK);
        }
        return redacted;
    }

    /**
     * A copy of an exception chain that is safe to attach as a cause: each link keeps its class name (in the
     * message), its stack trace and a redacted message.
     *
     * @param failure the exception, or {@code null}
     * @return the redacted copy, or {@code null}
     */
    public Exception sanitize(Throwable failure) {
        if (failure == null) {
            return null;
        }
        Exception copy = new RedactedException(failure.getClass().getName() + ": " + redact(failure.getMessage()),
                failure.getCause() == failure ? null : sanitize(failure.getCause()));
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /**
     * @param failure an exception
     * @return its simple class name and redacted message, e.g. {@code "ConnectException: Connection refused"}
     */
    public String describe(Throwable failure) {
        String message = failure.getMessage();
        String name = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + redact(message);
    }

    /** Stands in for an exception whose message may have held a secret. */
    private static final class RedactedException extends Exception {
        private static final long serialVersionUID = 1L;

        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

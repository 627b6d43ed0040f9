package io.arus.core.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A secret field's value that names where the secret is instead of holding it: {@code ${env:NAME}} (an environment
 * variable of the server) or {@code ${file:/absolute/path}} (a file in the secrets folder, its content without the
 * trailing line break). A reference is not a secret: it is stored encrypted like any secret value but shown as
 * written in answers; it is resolved only when the secret is used (a run, a connection test, a notification), by
 * {@link ConnectionSecrets#decrypt}.
 *
 * <p>Safety: a variable whose name starts with {@code ARUS_} (Arus's own settings and keys) is refused, and so is a
 * file outside the secrets folder, set by {@code ARUS_SECRETS_DIR} (the property {@value #SECRETS_DIR_PROPERTY});
 * without it, file references are refused. Messages name the reference, never the resolved value.
 */
public final class SecretReference {
    /** The system (or framework) property naming the secrets folder; {@code ARUS_SECRETS_DIR} when unset. */
    public static final String SECRETS_DIR_PROPERTY = "arus.secrets.dir";
    /** The environment variable naming the secrets folder. */
    public static final String SECRETS_DIR_VARIABLE = "ARUS_SECRETS_DIR";
    /** The largest secret file read, in bytes. */
    static final long LARGEST_FILE = 64 * 1024;

    private static final Pattern FORM = Pattern.compile("\\$\\{(env|file):([^}]*)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SecretReference() {
    }

    /** @return whether the value is written as a reference ({@code ${env:...}} or {@code ${file:...}}) */
    public static boolean isReference(Object value) {
        return value instanceof String text && FORM.matcher(text).matches();
    }

    /**
     * @param value a reference ({@link #isReference})
     * @return why the reference is refused, or empty when it may be stored: a bad variable name, an {@code ARUS_}
     *         variable, a relative file path, a file outside the secrets folder or no secrets folder set
     */
    public static Optional<String> problem(String value) {
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            return Optional.of("is not a reference ${env:NAME} or ${file:/absolute/path}");
        }
        String target = m.group(2);
        if ("env".equals(m.group(1))) {
            if (!ENV_NAME.matcher(target).matches()) {
                return Optional.of("names no environment variable: use ${env:NAME} with letters, digits and _");
            }
            if (target.toUpperCase(Locale.ROOT).startsWith("ARUS_")) {
                return Optional.of("may not read " + target + ": variables starting with ARUS_ are Arus's own settings");
            }
            return Optional.empty();
        }
        Optional<Path> folder = secretsDir();
        if (folder.isEmpty()) {
            return Optional.of("file references need a secrets folder: set " + SECRETS_DIR_VARIABLE
                    + " (or the property " + SECRETS_DIR_PROPERTY + ")");
        }
        Path path;
        try {
            path = Path.of(target);
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.of("is not a file path: " + target);
        }
        if (!path.isAbsolute()) {
            return Optional.of("must name an absolute path in " + folder.get());
        }
        if (!path.normalize().startsWith(folder.get())) {
            return Optional.of("may only read files in the secrets folder " + folder.get());
        }
        return Optional.empty();
    }

    /**
     * @param value a reference
     * @return the secret it names, now
     * @throws SecretReferenceException naming the reference (never the value) when it is refused, the variable is
     *                                  unset, or the file is missing, unreadable, too large or outside the folder
     *                                  once its links are followed
     */
    public static String resolve(String value) {
        Optional<String> refused = problem(value);
        if (refused.isPresent()) {
            throw new SecretReferenceException("secret reference " + value + " " + refused.get());
        }
        Matcher m = FORM.matcher(value);
        m.matches();
        String target = m.group(2);
        if ("env".equals(m.group(1))) {
            String clear = System.getenv(target);
            if (clear == null) {
                throw new SecretReferenceException("secret reference " + value + ": the environment variable "
                        + target + " is not set on the server");
            }
            return clear;
        }
        Path path = Path.of(target).normalize();
        try {
            Path real = path.toRealPath();
            Path folder = secretsDir().orElseThrow().toRealPath();
            if (!real.startsWith(folder)) {
                throw new SecretReferenceException("secret reference " + value + ": the file leads outside the secrets folder");
            }
            if (Files.size(real) > LARGEST_FILE) {
                throw new SecretReferenceException("secret reference " + value + ": the file is larger than 64 KiB");
            }
            String text = Files.readString(real, StandardCharsets.UTF_8);
            return text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SecretReferenceException("secret reference " + value + ": the file does not exist");
        } catch (IOException e) {
            throw new SecretReferenceException("secret reference " + value + ": the file cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** @return the secrets folder, absolute and normalized, if one is set */
    public static Optional<Path> secretsDir() {
        String dir = System.getProperty(SECRETS_DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(SECRETS_DIR_VARIABLE);
        }
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Path.of(dir.trim()).toAbsolutePath().normalize());
    }
}

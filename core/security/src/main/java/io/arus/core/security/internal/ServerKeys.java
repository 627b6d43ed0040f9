package io.arus.core.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The server's two keys: the AES key that encrypts secrets at rest and the HMAC key that signs access tokens.
 * Each comes from the environment ({@code ARUS_ENCRYPTION_KEY}, {@code ARUS_JWT_SECRET}) or is generated once
 * into the data directory with owner-only permissions, so that secrets stay readable and tokens stay valid
 * across restarts. Several nodes sharing one metadata database must be given the same keys by environment.
 */
@Component(service = ServerKeys.class)
public final class ServerKeys {
    static final int KEY_BYTES = 32;

    private final byte[] encryptionKey;
    private final byte[] signingKey;

    @Activate
    public ServerKeys(BundleContext context) {
        this(Path.of(context.getProperty("arus.data.dir") == null ? "data" : context.getProperty("arus.data.dir")),
                System.getenv());
    }

    ServerKeys(Path dataDir, Map<String, String> env) {
        this.encryptionKey = load(dataDir.resolve("secret.key"), env.get("ARUS_ENCRYPTION_KEY"), "ARUS_ENCRYPTION_KEY");
        this.signingKey = load(dataDir.resolve("jwt.key"), env.get("ARUS_JWT_SECRET"), "ARUS_JWT_SECRET");
    }

    byte[] encryptionKey() {
        return encryptionKey.clone();
    }

    byte[] signingKey() {
        return signingKey.clone();
    }

    /** A configured key is base64 of 32 bytes, or any text of at least 32 characters (hashed to 32 bytes). */
    static byte[] fromText(String text, String variable) {
        String trimmed = text.trim();
        try {
            byte[] decoded = Base64.getDecoder().decode(trimmed);
            if (decoded.length == KEY_BYTES) {
                return decoded;
            }
        } catch (IllegalArgumentException e) {
            // not base64: hashed below
        }
        if (trimmed.length() < KEY_BYTES) {
            throw new IllegalArgumentException(variable + " must be base64 of 32 bytes or at least 32 characters long");
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(trimmed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The data directory holds the keys: 0700, set after creation because the umask filters a mode given to create. */
    private static void createOwnerOnlyDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory);
        if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static byte[] load(Path file, String configured, String variable) {
        if (configured != null && !configured.isBlank()) {
            return fromText(configured, variable);
        }
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(key);
                createOwnerOnlyDirectory(file.getParent());
                try {
                    Path created = Files.createFile(file,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    if (Files.getFileStore(created).supportsFileAttributeView("posix")) {
                        // the mode given to createFile is filtered through the umask: set it outright
                        Files.setPosixFilePermissions(created, PosixFilePermissions.fromString("rw-------"));
                    }
                    Files.writeString(created, Base64.getEncoder().encodeToString(key));
                    return key;
                } catch (FileAlreadyExistsException e) {
                    // another node or thread won the race: read its key below
                }
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException(file + " does not hold a 32-byte key");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + file, e);
        }
    }
}

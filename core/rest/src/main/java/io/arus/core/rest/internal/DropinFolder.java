package io.arus.core.rest.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import javax.ws.rs.core.Response;

/**
 * Writes uploaded plugin JARs into the drop-in folder the way the README asks a user to: under a temporary name
 * the watcher ignores (it only picks up {@code *.jar}), then renamed, so it never installs half a file. Every
 * problem with the upload itself is a 400 naming the {@code file} field.
 */
final class DropinFolder {
    /** The largest plugin JAR accepted. */
    static final long MAX_BYTES = 50L * 1024 * 1024;
    /** The form field (and problem field) of the upload. */
    static final String FIELD = "file";
    /** A plain file name: no path, no leading dot (hidden and temporary files), ends in .jar. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,150}\\.jar");

    private final Path folder;

    /** @param folder the watched folder */
    DropinFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * @param file     the name it got in the folder
     * @param bytes    its size
     * @param sha256   its SHA-256, hex
     * @param replaced whether a file of that name was there before (the plugin is then updated in place)
     */
    record Stored(String file, long bytes, String sha256, boolean replaced) {
    }

    /**
     * Stores an upload: {@code multipart/form-data} with a {@code file} part, or the JAR itself named by
     * {@code filename}.
     *
     * @param beforeInstall called with what is about to be installed, once the upload is checked and before the
     *                      file enters the folder (the watcher would start it at once); when it throws, nothing is
     *                      installed
     * @throws ApiException 400 naming {@code file} for a body that is not a bundle JAR of at most 50 MB with a
     *                      plain name; 500 when the folder cannot be written
     */
    Stored store(String contentType, String filename, InputStream body, Consumer<Stored> beforeInstall) {
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = folder.resolve(".upload-" + UUID.randomUUID() + ".tmp");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String name;
            long bytes;
            try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)), sha256)) {
                if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
                    String boundary = MultipartBody.boundary(contentType);
                    if (boundary == null) {
                        throw ApiException.invalid(FIELD, "the multipart Content-Type names no boundary");
                    }
                    MultipartBody.FilePart part = MultipartBody.copyFile(body, boundary, FIELD, out, MAX_BYTES);
                    name = safeName(part.filename());
                    bytes = part.bytes();
                } else {
                    name = safeName(filename);
                    bytes = copy(body, out);
                }
            }
            if (bytes == 0) {
                throw ApiException.invalid(FIELD, "is empty");
            }
            checkBundle(temp);
            Path target = folder.resolve(name);
            Stored stored = new Stored(name, bytes, HexFormat.of().formatHex(sha256.digest()), Files.exists(target));
            beforeInstall.accept(stored);
            move(temp, target);
            temp = null;
            return stored;
        } catch (MultipartBody.TooLarge | MultipartBody.Malformed e) {
            throw ApiException.invalid(FIELD, e.getMessage());
        } catch (IOException e) {
            throw new ApiException(Response.Status.INTERNAL_SERVER_ERROR,
                    "the plugin could not be written to the drop-in folder: " + e.getMessage(), List.of());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a leftover .tmp file is ignored by the watcher
                }
            }
        }
    }

    /** @return the plain file name, or a 400 naming {@code file} */
    static String safeName(String filename) {
        if (filename == null || filename.isBlank()) {
            throw ApiException.invalid(FIELD, "needs a file name: send multipart/form-data with a \"file\" part, or ?filename=");
        }
        // some clients send the path the file came from
        String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        if (!SAFE_NAME.matcher(name).matches()) {
            throw ApiException.invalid(FIELD, "must be a .jar file with a plain name (letters, digits, '.', '_', '+', '-'): "
                    + (name.length() > 80 ? name.substring(0, 80) + "…" : name));
        }
        return name;
    }

    private static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > MAX_BYTES) {
                throw new MultipartBody.TooLarge(MAX_BYTES);
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    /** A JAR whose manifest makes it an OSGi bundle; anything else would only sit in the folder as a failure. */
    private static void checkBundle(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                throw ApiException.invalid(FIELD, "is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
            }
        } catch (IOException | SecurityException e) {
            throw ApiException.invalid(FIELD, "is not a JAR file (" + e.getMessage() + ")");
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

package io.arus.core.rest.internal;

import io.arus.core.service.Actor;
import io.arus.core.service.PluginService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.ws.rs.core.Response;

/**
 * Hands an uploaded plugin JAR to {@link PluginService#install}: the JAR itself as it streams in, or the
 * {@code file} part of a {@code multipart/form-data} body, copied out first into a private temporary file (the part
 * must be read to its end to learn the file name). Every problem with the upload itself is a 400 naming the
 * {@code file} field.
 */
final class DropinFolder {
    /** The largest plugin JAR accepted. */
    static final long MAX_BYTES = PluginService.MAX_BYTES;
    /** The form field (and problem field) of the upload. */
    static final String FIELD = "file";

    private DropinFolder() {
    }

    /**
     * @return what was installed
     * @throws ApiException 400 naming {@code file} for a body that is not a bundle JAR of at most 50 MB with a plain
     *                      name; 403 unless the actor is an admin; 500 when the folder cannot be written
     */
    static PluginService.InstalledPlugin upload(PluginService plugins, Actor actor, String contentType, String filename,
                                                InputStream body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return ServiceProblems.call(() -> plugins.install(actor, filename, body));
        }
        String boundary = MultipartBody.boundary(contentType);
        if (boundary == null) {
            throw ApiException.invalid(FIELD, "the multipart Content-Type names no boundary");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile("arus-plugin-upload-", ".tmp");
            MultipartBody.FilePart part;
            try (OutputStream out = Files.newOutputStream(temp)) {
                part = MultipartBody.copyFile(body, boundary, FIELD, out, MAX_BYTES);
            }
            try (InputStream in = Files.newInputStream(temp)) {
                return ServiceProblems.call(() -> plugins.install(actor, part.filename(), in));
            }
        } catch (MultipartBody.TooLarge | MultipartBody.Malformed e) {
            throw ApiException.invalid(FIELD, e.getMessage());
        } catch (IOException e) {
            throw new ApiException(Response.Status.INTERNAL_SERVER_ERROR,
                    "the plugin upload could not be stored: " + e.getMessage(), List.of());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // the temporary folder is cleaned by the system
                }
            }
        }
    }
}

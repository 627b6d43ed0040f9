package io.arus.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A folder or a bucket, addressed by paths relative to the {@link Location} with forward slashes. Files are written
 * locally first ({@link #stage}) and made visible whole by {@link #publish}: a reader never sees a half-written file.
 */
interface Storage extends AutoCloseable {
    /**
     * @param relative where the file will be published
     * @return a local file to write it to, not visible to readers (a hidden name beside the target, or a spool file)
     * @throws IOException when it cannot be created
     */
    Path stage(String relative) throws IOException;

    /**
     * Makes a staged file visible under its name, whole or not at all (a rename; a completed multipart upload).
     * The staged file is gone afterwards.
     *
     * @param staged   what {@link #stage} returned, written and closed
     * @param relative where it goes
     * @return its size in bytes
     * @throws IOException when it cannot be published
     */
    long publish(Path staged, String relative) throws IOException;

    /**
     * Writes a small file atomically (the manifest).
     *
     * @param relative where
     * @param content  what
     * @throws IOException when it cannot be written
     */
    void put(String relative, byte[] content) throws IOException;

    /**
     * @param relative a file
     * @return its content, or null when it does not exist
     * @throws IOException when it cannot be read
     */
    byte[] get(String relative) throws IOException;

    /**
     * @param relative a file
     * @return its content as a stream the caller closes
     * @throws IOException when it cannot be opened
     */
    InputStream open(String relative) throws IOException;

    /**
     * @param relativeDir a folder or key prefix; empty for the whole location
     * @return every file below it, recursively, hidden ones included
     * @throws IOException when it cannot be listed
     */
    List<StoredFile> list(String relativeDir) throws IOException;

    /**
     * Removes a file; nothing to remove is not an error.
     *
     * @param relative the file
     * @throws IOException when it cannot be removed
     */
    void delete(String relative) throws IOException;

    /**
     * @return a line saying the location answers, for {@code check()}
     * @throws IOException when it cannot be reached or written
     */
    String check() throws IOException;

    @Override
    void close();

    /**
     * A file as listed.
     *
     * @param path     relative to the location
     * @param size     bytes
     * @param modified last modified, epoch milliseconds
     * @param etag     the S3 ETag, or empty for a local file
     */
    record StoredFile(String path, long size, long modified, String etag) {
        /** @return the last path element */
        String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        /** @return whether a reader should skip it: a hidden or underscore name anywhere in the path (temp, manifest) */
        boolean hidden() {
            for (String part : path.split("/")) {
                if (part.startsWith(".") || part.startsWith("_")) {
                    return true;
                }
            }
            return false;
        }
    }

    static Storage open(FilesSettings settings) {
        return settings.location().isS3() ? new S3Storage(settings) : new LocalStorage(settings.location());
    }
}

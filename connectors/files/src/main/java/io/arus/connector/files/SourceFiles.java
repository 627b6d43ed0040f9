package io.arus.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Local copies of files for formats that seek (Parquet): the file itself in a folder, a download from S3. */
final class SourceFiles {
    private SourceFiles() {
    }

    /**
     * @param storage the location
     * @param file    a file of it
     * @return a local path holding its content; hand it to {@link #release} when done
     * @throws IOException when it cannot be fetched
     */
    static Path local(Storage storage, Storage.StoredFile file) throws IOException {
        if (storage instanceof LocalStorage folder) {
            return folder.file(file.path());
        }
        Path copy = Files.createTempFile("arus-files-", ".download");
        try (InputStream in = storage.open(file.path())) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return copy;
    }

    /**
     * @param in a text file's bytes
     * @return them without a leading UTF-8 byte order mark (spreadsheets write one before the CSV header)
     * @throws IOException when the start cannot be read
     */
    static InputStream withoutBom(InputStream in) throws IOException {
        PushbackInputStream start = new PushbackInputStream(in, 3);
        byte[] first = start.readNBytes(3);
        boolean bom = first.length == 3 && (first[0] & 0xff) == 0xef && (first[1] & 0xff) == 0xbb && (first[2] & 0xff) == 0xbf;
        if (!bom) {
            start.unread(first);
        }
        return start;
    }

    /** Deletes a downloaded copy; leaves a folder's own file alone. */
    static void release(Storage storage, Path local) {
        if (local != null && !(storage instanceof LocalStorage)) {
            SourceStream.deleteQuietly(local);
        }
    }
}

package io.arus.core.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory holds the key files and the metadata database: only the server's own user may enter it
 * (0700), whatever the umask, including a directory an earlier version created 0755.
 */
final class OwnerOnlyDirectory {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyDirectory() {
    }

    /** Creates the directory (and missing parents) if needed and sets its mode to 0700 where the file system has modes. */
    static void create(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
            // set after creation: the mode given to createDirectories is filtered through the umask
            Files.setPosixFilePermissions(directory, OWNER_ONLY);
        }
    }
}

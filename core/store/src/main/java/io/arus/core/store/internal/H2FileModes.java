package io.arus.core.store.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The embedded H2 database holds password hashes and sealed secrets: its directory is 0700 and its files 0600,
 * set outright rather than left to the umask (H2 creates its files with the process's default mode).
 */
final class H2FileModes {
    private static final String FILE_URL = "jdbc:h2:file:";

    private H2FileModes() {
    }

    /** Before H2 opens the database: creates its directory 0700. */
    static void prepareDirectory(DatabaseLocation location) {
        base(location).ifPresent(base -> {
            try {
                Path directory = base.getParent();
                Files.createDirectories(directory);
                if (posix(directory)) {
                    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the metadata database directory", e);
            }
        });
    }

    /** After H2 opened the database: its files ({@code metadata.mv.db}, a trace or lock file) become 0600. */
    static void protectFiles(DatabaseLocation location) {
        base(location).ifPresent(base -> {
            Path directory = base.getParent();
            String prefix = base.getFileName() + ".";
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, p -> p.getFileName().toString().startsWith(prefix)
                    && Files.isRegularFile(p))) {
                for (Path file : files) {
                    if (posix(file)) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restrict the metadata database files in " + directory, e);
            }
        });
    }

    /** @return the file path H2 appends {@code .mv.db} to, for a file URL */
    static Optional<Path> base(DatabaseLocation location) {
        if (location.dialect() != Dialect.H2 || !location.url().startsWith(FILE_URL)) {
            return Optional.empty();
        }
        String rest = location.url().substring(FILE_URL.length());
        int options = rest.indexOf(';');
        return Optional.of(Path.of(options < 0 ? rest : rest.substring(0, options)).toAbsolutePath().normalize());
    }

    private static boolean posix(Path path) throws IOException {
        return Files.getFileStore(path).supportsFileAttributeView("posix");
    }
}

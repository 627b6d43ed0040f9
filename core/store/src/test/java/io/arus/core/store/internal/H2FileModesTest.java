package io.arus.core.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 item 7: the embedded metadata database lives in a 0700 directory, in 0600 files. */
class H2FileModesTest {

    @Test
    void theDirectoryIs0700AndTheDatabaseFiles0600(@TempDir Path temp) throws Exception {
        Path data = temp.resolve("srv/data");
        Files.createDirectories(data.getParent());

        try (MetadataPersistence ignored = new MetadataPersistence(DatabaseLocation.h2(data),
                MetadataPersistence.class.getClassLoader())) {
            assertThat(mode(data)).isEqualTo("rwx------");
            List<Path> files;
            try (Stream<Path> listing = Files.list(data)) {
                files = listing.filter(p -> p.getFileName().toString().startsWith("metadata.")).toList();
            }
            assertThat(files).extracting(p -> p.getFileName().toString()).contains("metadata.mv.db");
            for (Path file : files) {
                assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void onlyAnH2FileUrlHasFilesToProtect() {
        assertThat(H2FileModes.base(DatabaseLocation.h2(Path.of("/var/lib/arus")))).contains(Path.of("/var/lib/arus/metadata"));
        assertThat(H2FileModes.base(new DatabaseLocation(Dialect.H2, "jdbc:h2:mem:x", "sa", ""))).isEmpty();
        assertThat(H2FileModes.base(new DatabaseLocation(Dialect.POSTGRESQL, "jdbc:postgresql://h/db", "u", "p"))).isEmpty();
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}

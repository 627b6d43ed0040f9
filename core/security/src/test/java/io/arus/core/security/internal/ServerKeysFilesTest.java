package io.arus.core.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 item 7: generated keys and the data directory they create are readable by the server's user only. */
class ServerKeysFilesTest {

    @Test
    void generatedKeysAre0600InADataDirectoryCreated0700(@TempDir Path temp) throws Exception {
        Path data = temp.resolve("var/lib/arus/data");

        ServerKeys keys = new ServerKeys(data, Map.of());

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("secret.key"))).isEqualTo("rw-------");
        assertThat(mode(data.resolve("jwt.key"))).isEqualTo("rw-------");
        assertThat(new ServerKeys(data, Map.of()).encryptionKey()).isEqualTo(keys.encryptionKey());
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}

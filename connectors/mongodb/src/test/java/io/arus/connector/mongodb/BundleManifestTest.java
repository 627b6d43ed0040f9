package io.arus.connector.mongodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The bundle bnd made from these classes: it imports only the API, the MongoDB driver's packages (bundles
 * org.mongodb.driver-sync, driver-core and bson, never embedded) and the framework, and exports nothing.
 */
class BundleManifestTest {
    private static Attributes manifest() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            return new Manifest(in).getMainAttributes();
        }
    }

    /** @return the package names of an Import-Package header (commas inside quoted version ranges ignored) */
    private static List<String> packages(String header) {
        List<String> names = new ArrayList<>();
        boolean quoted = false;
        StringBuilder clause = new StringBuilder();
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                names.add(clause.toString().split(";")[0].trim());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return names;
    }

    @Test
    void importsOnlyTheApiTheDriverAndTheFramework() throws Exception {
        Attributes manifest = manifest();

        assertThat(manifest.getValue("Bundle-SymbolicName")).isEqualTo("io.arus.connector.mongodb");
        assertThat(packages(manifest.getValue("Import-Package"))).allSatisfy(name -> assertThat(name)
                .matches("io\\.arus\\.api\\..*|com\\.mongodb(\\..*)?|org\\.bson(\\..*)?|org\\.osgi\\.framework|java\\..*"));
        assertThat(manifest.getValue("Export-Package")).isNull();
        assertThat(manifest.getValue("Bundle-ClassPath")).isNull();
        assertThat(manifest.getValue("Service-Component")).contains("MongoConnector");
    }
}

package io.arus.connector.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.config.ConfigSpec;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamWriter;
import io.arus.api.connector.WriteMode;
import io.arus.api.connector.WriteRequest;
import io.arus.api.record.RecordBatch;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The bundle as the server runs it: Felix with SCR, the Arus API, the JDBC base and slf4j (from the class path,
 * as the runtime has them), and target/classes installed as the bundle with its embedded client jars. The
 * connector must resolve with nothing else, register through Declarative Services, and write to the real server
 * from inside the framework.
 */
class BundleTest {
    /** Packages the runtime exports that the bundle may require; anything else must be embedded or optional. */
    private static final Set<String> RUNTIME_PACKAGES = Set.of("io.arus.api.config", "io.arus.api.connector",
            "io.arus.api.plugin", "io.arus.api.record", "io.arus.api.type", "io.arus.connector.jdbc", "org.osgi.framework",
            "org.slf4j", "org.slf4j.helpers", "javax.net", "javax.net.ssl", "javax.crypto", "javax.crypto.spec",
            "javax.security.auth.x500");
    private static final Pattern VERSION = Pattern.compile(";\\s*version=\"?([0-9.]+)\"?");

    @TempDir
    Path storage;

    @Test
    void theBundleResolvesOnRuntimePackagesRegistersItsConnectorAndWritesFromInsideFelix() throws Exception {
        Path bundle = Path.of("target", "classes").toAbsolutePath();
        Manifest manifest = manifest(bundle.toFile());
        assertThat(manifest.getMainAttributes().getValue("Bundle-ClassPath")).startsWith(".,lib/client-v2.jar");
        List<String> required = new ArrayList<>();
        for (String clause : clauses(manifest.getMainAttributes().getValue(Constants.IMPORT_PACKAGE))) {
            String name = clause.split(";")[0].trim();
            if (!clause.contains("resolution:=optional") && !name.startsWith("java.")) {
                required.add(name);
            }
        }
        assertThat(RUNTIME_PACKAGES).containsAll(required);

        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, classPathExports(required));
        Framework framework = new FrameworkFactory().newFramework(config);
        framework.start();
        try (ClickHouseFixture db = ClickHouseFixture.created()) {
            BundleContext context = framework.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (String jar : List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component",
                    "org.apache.felix.scr")) {
                bundles.add(context.installBundle(classPathJar(jar).toURI().toString()));
            }
            Bundle clickhouse = context.installBundle("reference:" + bundle.toUri());
            bundles.add(clickhouse);
            for (Bundle b : bundles) {
                b.start();
            }
            assertThat(clickhouse.getState()).isEqualTo(Bundle.ACTIVE);

            Connector connector = awaitConnector(context);
            assertThat(FrameworkUtil.getBundle(connector.getClass())).isEqualTo(clickhouse);
            assertThat(connector.descriptor().version()).isEqualTo(clickhouse.getVersion().toString());
            ConfigSpec spec = connector.descriptor().config();
            try (ConnectorSession session = connector.open(spec.resolve(Map.of("host", ClickHouseFixture.HOST,
                    "database", db.database)))) {
                assertThat(session.check().message()).startsWith("ClickHouse " + db.version());
                Schema schema = Schema.of(Field.of("id", LogicalType.INT64, false), Field.of("at", LogicalType.TIMESTAMPTZ, true));
                StreamId target = db.table("from_osgi");
                try (StreamWriter writer = session.openWriter(new WriteRequest(target, schema, List.of("id"),
                        WriteMode.UPSERT), new ClickHouseFixture.Context(target))) {
                    writer.write(RecordBatch.of(schema, List.of(new Object[] {1L, java.time.Instant.EPOCH},
                            new Object[] {2L, null}), null));
                    writer.flush();
                }
            }
            assertThat(db.number("SELECT count() FROM " + db.q("from_osgi") + " FINAL")).isEqualTo(2);
        } finally {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    private static Connector awaitConnector(BundleContext context) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Collection<ServiceReference<Connector>> refs = context.getServiceReferences(Connector.class,
                    "(" + Connector.TYPE_PROPERTY + "=clickhouse)");
            if (!refs.isEmpty()) {
                return context.getService(refs.iterator().next());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no clickhouse connector service registered within 10 s");
    }

    /** The packages the bundle requires, exported by the system bundle with the versions the class path has. */
    private static String classPathExports(List<String> required) throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Manifest manifest = manifest(new File(entry));
            String exports = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            if (exports == null) {
                continue;
            }
            for (String clause : clauses(exports)) {
                String name = clause.split(";")[0].trim();
                Matcher version = VERSION.matcher(clause);
                if (required.contains(name) && !versions.containsKey(name) && version.find()) {
                    versions.put(name, version.group(1));
                }
            }
        }
        StringBuilder extra = new StringBuilder();
        versions.forEach((name, version) -> extra.append(extra.length() == 0 ? "" : ",")
                .append(name).append(";version=").append(version));
        return extra.toString();
    }

    private static File classPathJar(String artifactId) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (new File(entry).getName().startsWith(artifactId + "-")) {
                return new File(entry);
            }
        }
        throw new AssertionError(artifactId + " is not on the test class path");
    }

    private static Manifest manifest(File entry) throws IOException {
        if (entry.isDirectory()) {
            Path file = entry.toPath().resolve("META-INF/MANIFEST.MF");
            if (!Files.exists(file)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(file)) {
                return new Manifest(in);
            }
        }
        if (!entry.getName().endsWith(".jar")) {
            return null;
        }
        try (JarFile jar = new JarFile(entry)) {
            return jar.getManifest();
        }
    }

    /** Splits a manifest header on the commas outside quotes. */
    private static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                clauses.add(header.substring(start, i));
                start = i + 1;
            }
        }
        clauses.add(header.substring(start));
        return clauses;
    }
}

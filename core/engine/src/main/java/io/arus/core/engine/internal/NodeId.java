package io.arus.core.engine.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Function;

/**
 * This server's name in the run leases: {@code ARUS_NODE_ID} (or the property {@code arus.node.id}) when given,
 * else the one kept in the data folder's {@code node.id}, made once from the host name and a random part. It stays
 * the same across restarts, so a restarted node knows its own leases (and lets go of them at once), and differs
 * between the nodes of a cluster, which each have their own data folder.
 */
final class NodeId {
    static final String PROPERTY = "arus.node.id";
    static final String FILE = "node.id";
    private static final int MOST = 200;

    private NodeId() {
    }

    static String of(org.osgi.framework.BundleContext context) {
        return of(context::getProperty, System.getenv("ARUS_NODE_ID"));
    }

    static String of(Function<String, String> property, String env) {
        String given = property.apply(PROPERTY);
        if (given == null || given.isBlank()) {
            given = env;
        }
        if (given != null && !given.isBlank()) {
            return bounded(given.trim());
        }
        String data = property.apply("arus.data.dir");
        if (data == null) {
            return fresh();
        }
        Path file = Path.of(data, FILE);
        try {
            if (Files.isRegularFile(file)) {
                String kept = Files.readString(file).trim();
                if (!kept.isEmpty()) {
                    return bounded(kept);
                }
            }
            String id = fresh();
            Files.createDirectories(file.getParent());
            Files.writeString(file, id + "\n");
            return id;
        } catch (IOException e) {
            return fresh();
        }
    }

    private static String fresh() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return bounded(host + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static String bounded(String id) {
        return id.length() <= MOST ? id : id.substring(0, MOST);
    }
}

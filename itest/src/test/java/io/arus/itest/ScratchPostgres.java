package io.arus.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own, made by the test with the server's initdb and pg_ctl (Debian's postgresql
 * package, which scripts/test-services.sh installs), so that the test can stop and start it without touching the
 * shared test server. Listens on 127.0.0.1 only, trust authentication, user {@code arus}.
 */
final class ScratchPostgres implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;

    private ScratchPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** Makes a cluster in a temporary folder, starts it and creates {@code database}. */
    static ScratchPostgres start(int port, String database) throws IOException, InterruptedException {
        Path bin;
        try (Stream<Path> versions = Files.list(Paths.get("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new AssertionError("no initdb under /usr/lib/postgresql: run scripts/test-services.sh"));
        }
        Path dir = Files.createTempDirectory("arus-scratch-pg-");
        ScratchPostgres cluster = new ScratchPostgres(bin, dir, port);
        if (isRoot()) {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres user
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        cluster.asOwner(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "arus",
                "--auth=trust", "-E", "UTF8", "--no-sync"));
        cluster.start();
        run(List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "arus", "-d", "postgres",
                "-v", "ON_ERROR_STOP=1", "-qc", "CREATE DATABASE " + database));
        return cluster;
    }

    int port() {
        return port;
    }

    void start() throws IOException, InterruptedException {
        asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    }

    /** Stops the server as an operator's {@code pg_ctl stop} does: sessions are terminated, the server goes away. */
    void stop() throws IOException, InterruptedException {
        asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
    }

    /** psql on this cluster; returns the unaligned, tuples-only output. */
    String sql(String database, String sql) throws IOException, InterruptedException {
        return run(List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "arus", "-d", database,
                "-v", "ON_ERROR_STOP=1", "-tAq", "-c", sql));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "-w", "stop"));
        } catch (AssertionError stoppedAlready) {
            // a test that failed half-way may have left it stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void asOwner(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8).trim();
    }
}

package io.arus.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The test PostgreSQL (scripts/test-services.sh: 127.0.0.1:5432, user arus, password arus, database arus_test)
 * through the psql client, as a person would prepare a demo table.
 */
final class Psql {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String DATABASE = "arus_test";
    static final String USER = "arus";
    static final String PASSWORD = "arus";

    private Psql() {
    }

    /**
     * Runs SQL and returns what psql printed (unaligned, tuples only).
     *
     * @throws AssertionError when psql is missing, cannot connect or the SQL fails
     */
    static String run(String sql) throws IOException, InterruptedException {
        Path psql = List.of(Path.of("/usr/bin/psql"), Path.of("/usr/local/bin/psql")).stream().filter(Files::isExecutable)
                .findFirst().orElseThrow(() -> new AssertionError(
                        "psql is missing: run scripts/test-services.sh (it installs and starts PostgreSQL)"));
        ProcessBuilder builder = new ProcessBuilder(psql.toString(), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", HOST,
                "-p", Integer.toString(PORT), "-U", USER, "-d", DATABASE, "-c", sql).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", PASSWORD);
        builder.environment().put("PGCONNECT_TIMEOUT", "10");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("psql failed (is PostgreSQL up? scripts/test-services.sh): " + output + "\nSQL: " + sql);
        }
        return output;
    }
}

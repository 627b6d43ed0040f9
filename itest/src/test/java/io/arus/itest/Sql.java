package io.arus.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs SQL in the test databases through their own command-line clients, as a DBA would: the test bundle
 * needs no JDBC driver, and what it checks is independent of the connectors under test.
 */
final class Sql {
    private Sql() {
    }

    /** psql on 127.0.0.1:5432 as arus; returns the unaligned, tuples-only output. */
    static String postgres(String database, String sql) throws IOException, InterruptedException {
        return run(List.of("psql", "-h", "127.0.0.1", "-U", "arus", "-d", database, "-v", "ON_ERROR_STOP=1", "-tAq", "-c", sql),
                "PGPASSWORD", "arus");
    }

    /** mariadb on 127.0.0.1:3306 as arus, session time zone UTC; returns the batch output without headers. */
    static String mariadb(String database, String sql) throws IOException, InterruptedException {
        return run(List.of("mariadb", "-h", "127.0.0.1", "-P", "3306", "-uarus", "-parus", "--batch", "--skip-column-names", "--default-character-set=utf8mb4",
                "--init-command=SET time_zone='+00:00', group_concat_max_len=1073741824", "-e", sql, database), null, null);
    }

    /**
     * A query to ClickHouse on 127.0.0.1:8123 over its HTTP interface (as clickhouse-client would, without
     * compression: STACK.md); returns the TabSeparated answer, trimmed.
     */
    static String clickhouse(String sql) throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:8123/"))
                        .timeout(java.time.Duration.ofSeconds(60))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(sql)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("clickhouse answered " + response.statusCode() + " to " + sql + ": " + response.body());
        }
        return response.body().trim();
    }

    /** Feeds a SQL file to the mariadb client (which understands DELIMITER), as the Sakila README says. */
    static void mariadbFile(java.nio.file.Path file) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("mariadb", "-h", "127.0.0.1", "-P", "3306", "-uarus", "-parus",
                "--default-character-set=utf8mb4").redirectErrorStream(true).redirectInput(file.toFile());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("loading " + file + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }

    private static String run(List<String> command, String envKey, String envValue) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (envKey != null) {
            builder.environment().put(envKey, envValue);
        }
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(command.get(0) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8).trim();
    }
}

package io.arus.core.logging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How the server logs: the level, the levels of some loggers, where lines go and in which format. Read from the
 * {@code arus.log.*} framework or system properties (a test's bndrun), else from the {@code ARUS_LOG_*} environment.
 *
 * @param level    the level of every logger not listed in {@code levels}
 * @param levels   logger name prefix to its level; the longest prefix that matches a logger wins
 * @param file     the file lines are appended to, or {@code null} for standard error
 * @param json     one JSON object per line instead of text
 * @param problems what was wrong with the settings (an unknown level or format), to log once the sink is up
 */
record LogSettings(LogLevel level, Map<String, LogLevel> levels, Path file, boolean json, List<String> problems) {
    static final String LEVEL = "arus.log.level";
    static final String FILE = "arus.log.file";
    static final String FORMAT = "arus.log.format";

    /**
     * Loggers held at a fixed level whatever {@code ARUS_LOG_LEVEL} says, because at debug or trace they print
     * credentials or rows: Apache HttpClient 5 inside the ClickHouse connector ({@code org.apache.hc.client5.http.headers}
     * prints the Authorization header, {@code .wire} every byte), the ClickHouse client (its settings), the MariaDB
     * driver (packets, the handshake), the MongoDB driver (command documents, authentication conversations),
     * HikariCP (the pool's configuration, a JDBC URL with its password), EclipseLink (SQL with bound values:
     * password hashes, sealed secrets), pgjdbc (connection properties and statements) and the JDK's own loggers
     * ({@code jdk.internal.httpclient.debug} prints every request URL of the notifiers, tokens included; {@code sun.net}
     * request headers; {@code javax.net.ssl} handshakes), the AWS SDK inside the files connector (signing: canonical
     * requests with the access key id and signatures) and Parquet with the Hadoop configuration it carries
     * ({@code org.apache.parquet.io.MessageColumnIO} and {@code RecordConsumerLoggingWrapper} print every value of
     * every row written: 69 million lines, 5 GB, for 1.5 million rows in a trial). Libraries that are only chatty
     * (CXF, Jetty, Aries, SPI Fly, JLine) are held at warn. Two warnings every start printed, about nothing a user
     * can act on, are held back: CXF's servlet names each request that came before the REST application was
     * registered ({@code Can't find the request for .../api/health's Observer}: the start's health polls, answered
     * 404 until the application is up), and JLine says the server has no terminal (a service never has one; the
     * shell then runs on a plain one).
     */
    static final Map<String, LogLevel> PINNED = pinned();

    private static Map<String, LogLevel> pinned() {
        Map<String, LogLevel> pinned = new LinkedHashMap<>();
        for (String secretive : List.of("org.apache.hc", "com.clickhouse", "org.mariadb.jdbc", "org.mongodb.driver",
                "com.zaxxer.hikari", "org.eclipse.persistence", "org.postgresql", "jdk", "sun", "javax.net",
                "software.amazon.awssdk", "org.apache.parquet", "org.apache.hadoop")) {
            pinned.put(secretive, LogLevel.INFO);
        }
        for (String chatty : List.of("org.apache.cxf", "org.eclipse.jetty", "org.apache.aries", "org.jline")) {
            pinned.put(chatty, LogLevel.WARN);
        }
        for (String startNoise : List.of("org.apache.cxf.transport.servlet.ServletController", "org.jline")) {
            pinned.put(startNoise, LogLevel.ERROR);
        }
        return Map.copyOf(pinned);
    }

    LogSettings {
        levels = Map.copyOf(levels);
        problems = List.copyOf(problems);
    }

    /**
     * @param property a framework or system property by name, or null
     * @param env      the environment variables
     * @return the settings; a bad value falls back to the default and is named in {@link #problems()}
     */
    static LogSettings read(Function<String, String> property, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Function<String[], String> get = names -> {
            String value = property.apply(names[0]);
            if (value == null || value.isBlank()) {
                value = env.get(names[1]);
            }
            return value == null || value.isBlank() ? null : value.trim();
        };
        LogLevel level = LogLevel.INFO;
        String levelText = get.apply(new String[] {LEVEL, "ARUS_LOG_LEVEL"});
        if (levelText != null) {
            try {
                level = LogLevel.valueOf(levelText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("ARUS_LOG_LEVEL must be one of error, warn, info, debug, trace, not '" + levelText
                        + "'; logging at info");
            }
        }
        String file = get.apply(new String[] {FILE, "ARUS_LOG_FILE"});
        boolean json = false;
        String format = get.apply(new String[] {FORMAT, "ARUS_LOG_FORMAT"});
        if (format != null) {
            switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> json = true;
                case "text" -> json = false;
                default -> problems.add("ARUS_LOG_FORMAT must be text or json, not '" + format + "'; writing text");
            }
        }
        return new LogSettings(level, PINNED, file == null ? null : Path.of(file), json, problems);
    }

    /** @return the level of a logger: that of the longest listed prefix it starts with, else the server's */
    LogLevel levelOf(String logger) {
        LogLevel found = level;
        int longest = -1;
        for (Map.Entry<String, LogLevel> entry : levels.entrySet()) {
            String prefix = entry.getKey();
            if (prefix.length() > longest && logger.startsWith(prefix)
                    && (logger.length() == prefix.length() || logger.charAt(prefix.length()) == '.')) {
                found = entry.getValue();
                longest = prefix.length();
            }
        }
        return found;
    }
}

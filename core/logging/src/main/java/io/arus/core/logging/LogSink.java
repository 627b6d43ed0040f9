package io.arus.core.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where every log line of the server goes, whichever API wrote it (SLF4J, java.util.logging, the OSGi log
 * service): one format, one destination. Text lines look like {@code 2026-12-04T10:15:30.123Z INFO run - message}
 * (the logger's last name segment), followed by the stack trace of an error; JSON lines are one object each, with
 * {@code time}, {@code level}, {@code logger}, {@code thread}, {@code message}, the thread's diagnostic context
 * ({@code run_id}, {@code pipeline_id} where a run set them) and {@code error} (the stack trace).
 */
public final class LogSink {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneId.systemDefault());
    private static final Set<String> RESERVED = Set.of("time", "level", "logger", "thread",
            "message", "error");
    private static volatile Supplier<Map<String, String>> contexts = Map::of;
    private static volatile LogSink current = new LogSink(LogSettings.read(System::getProperty, System.getenv()));

    private final LogSettings settings;
    private final PrintStream out;
    /** Whether {@link #out} is a file this sink opened (closed when the sink is replaced). */
    private final boolean ownsFile;
    private final Map<String, LogLevel> levels = new ConcurrentHashMap<>();

    private LogSink(LogSettings settings) {
        this.settings = settings;
        PrintStream file = null;
        if (settings.file() != null) {
            try {
                file = new PrintStream(new FileOutputStream(settings.file().toFile(), true), false, StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("cannot open the log file " + settings.file() + " (" + e.getMessage()
                        + "); logging to standard error");
            }
        }
        this.ownsFile = file != null;
        this.out = file != null ? file : new PrintStream(new FileOutputStream(FileDescriptor.err), false,
                StandardCharsets.UTF_8);
    }

    /** Test seam: a sink that writes to the given stream. */
    LogSink(LogSettings settings, OutputStream stream) {
        this.settings = settings;
        this.out = new PrintStream(stream, false, StandardCharsets.UTF_8);
        this.ownsFile = false;
    }

    /** @return the sink every logger writes to now */
    public static LogSink get() {
        return current;
    }

    /**
     * Makes the settings current: from now on every line goes where they say.
     *
     * @param settings the settings
     * @return the new sink
     */
    static LogSink configure(LogSettings settings) {
        LogSink previous = current;
        LogSink next = new LogSink(settings);
        current = next;
        previous.close();
        for (String problem : settings.problems()) {
            next.write(LogLevel.WARN, "io.arus.logging", problem, null, Map.of());
        }
        return next;
    }

    LogSettings settings() {
        return settings;
    }

    /**
     * Sets where the calling thread's diagnostic context comes from (SLF4J's MDC, where runs put {@code run_id} and
     * {@code pipeline_id}); lines written without a context of their own take it from there.
     *
     * @param source the calling thread's context, never null
     */
    public static void contextFrom(Supplier<Map<String, String>> source) {
        contexts = source;
    }

    /**
     * @param logger the logger's full name
     * @param level  a level
     * @return whether a line of this level from this logger is written
     */
    public boolean enabled(String logger, LogLevel level) {
        return level.reaches(levels.computeIfAbsent(logger, settings::levelOf));
    }

    /**
     * Writes one line (and the error's stack trace) with the calling thread's context, if the logger's level lets it
     * through.
     *
     * @param level   the line's level
     * @param logger  the logger's full name
     * @param message the message, already formatted
     * @param error   the error, or null
     */
    public void write(LogLevel level, String logger, String message, Throwable error) {
        if (enabled(logger, level)) {
            Map<String, String> context;
            try {
                context = contexts.get();
            } catch (RuntimeException e) {
                context = Map.of();
            }
            write(level, logger, message, error, context);
        }
    }

    /**
     * Writes one line (and the error's stack trace) if the logger's level lets it through.
     *
     * @param level   the line's level
     * @param logger  the logger's full name
     * @param message the message, already formatted
     * @param error   the error, or null
     * @param context the thread's diagnostic context (run_id, pipeline_id...), may be empty
     */
    void write(LogLevel level, String logger, String message, Throwable error, Map<String, String> context) {
        if (!enabled(logger, level)) {
            return;
        }
        String line = settings.json() ? json(Instant.now(), level, logger, Thread.currentThread().getName(), message,
                error, context) : text(Instant.now(), level, logger, message, error);
        synchronized (this) {
            out.print(line);
            out.flush();
        }
    }

    static String text(Instant time, LogLevel level, String logger, String message, Throwable error) {
        StringBuilder line = new StringBuilder(64 + (message == null ? 4 : message.length()));
        line.append(TIME.format(time)).append(' ').append(level).append(' ')
                .append(logger.substring(logger.lastIndexOf('.') + 1)).append(" - ").append(message).append('\n');
        if (error != null) {
            line.append(stackTrace(error));
        }
        return line.toString();
    }

    static String json(Instant time, LogLevel level, String logger, String thread, String message, Throwable error,
                       Map<String, String> context) {
        StringBuilder line = new StringBuilder(128 + (message == null ? 4 : message.length()));
        line.append("{\"time\":");
        quote(line, TIME.format(time));
        line.append(",\"level\":\"").append(level).append("\",\"logger\":");
        quote(line, logger);
        line.append(",\"thread\":");
        quote(line, thread);
        line.append(",\"message\":");
        quote(line, message);
        if (context != null) {
            for (Map.Entry<String, String> entry : new TreeMap<>(context).entrySet()) {
                if (entry.getKey() != null && entry.getValue() != null && !RESERVED.contains(entry.getKey())) {
                    line.append(',');
                    quote(line, entry.getKey());
                    line.append(':');
                    quote(line, entry.getValue());
                }
            }
        }
        if (error != null) {
            line.append(",\"error\":");
            quote(line, stackTrace(error));
        }
        return line.append("}\n").toString();
    }

    /** Appends a JSON string: quotes, backslashes and every control character escaped. */
    static void quote(StringBuilder out, String text) {
        if (text == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || loneSurrogate(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A surrogate without its pair would make the line invalid UTF-8: it is written as an escape instead. */
    private static boolean loneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }

    private static String stackTrace(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private void close() {
        if (ownsFile) {
            out.close();
        } else {
            out.flush();
        }
    }
}

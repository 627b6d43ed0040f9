package io.arus.core.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * What a library prints on standard output or error (Event Admin's and the framework's fallbacks when no log service
 * is there, a stack trace printed by hand), turned into log lines through the {@link LogSink}: one line per line
 * printed, so that no line of the server's output has another format.
 */
final class LineStream extends OutputStream {
    /** A line longer than this is cut into several: nothing printed holds memory without bound. */
    static final int MOST = 64 * 1024;

    private final LogLevel level;
    private final String logger;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private final Supplier<LogSink> sink;

    LineStream(LogLevel level, String logger) {
        this(level, logger, LogSink::get);
    }

    LineStream(LogLevel level, String logger, Supplier<LogSink> sink) {
        this.level = level;
        this.logger = logger;
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
            return;
        }
        line.write(b);
        if (line.size() >= MOST) {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void close() {
        emit();
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (!text.isBlank()) {
            sink.get().write(level, logger, text, null);
        }
    }
}

package io.arus.connector.files;

import java.io.IOException;

/** A file whose format breaks at some point so that the reader cannot find the next record (a CSV quote never closed). */
final class MalformedFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long line;

    MalformedFileException(String message, long line, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    /** @return the line where reading stopped */
    long line() {
        return line;
    }
}

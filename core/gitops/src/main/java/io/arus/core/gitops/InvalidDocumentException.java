package io.arus.core.gitops;

import java.util.List;

/**
 * A pipelines-as-code document that cannot be read or applied; nothing was changed. It names every offending field
 * found (at least one), each with its path and where the document wrote it.
 */
public class InvalidDocumentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /**
     * One offending field.
     *
     * @param field   the field path, e.g. {@code pipelines[orders].streams[2].cursor_field}; null when the document
     *                as a whole is at fault
     * @param file    the file that wrote it (the watched folder), null for a request body or when unknown
     * @param line    the line in the document (1-based), 0 when unknown
     * @param column  the column (1-based), 0 when unknown
     * @param message what is wrong, never a secret
     */
    public record Violation(String field, String file, int line, int column, String message) {
    }

    /**
     * @param field   the field path, or null
     * @param line    the line (1-based), 0 when unknown
     * @param column  the column (1-based), 0 when unknown
     * @param message what is wrong, never a secret
     */
    public InvalidDocumentException(String field, int line, int column, String message) {
        this(message, List.of(new Violation(field, null, line, column, message)));
    }

    /**
     * @param message    the whole story, in words
     * @param violations one or more
     */
    public InvalidDocumentException(String message, List<Violation> violations) {
        super(message);
        this.violations = List.copyOf(violations);
    }

    /** @return every offending field, at least one */
    public List<Violation> violations() {
        return violations;
    }

    /** @return the first offending field's path, or null */
    public String field() {
        return violations.get(0).field();
    }

    /** @return the first offending field's line (1-based), 0 when unknown */
    public int line() {
        return violations.get(0).line();
    }

    /** @return the first offending field's column (1-based), 0 when unknown */
    public int column() {
        return violations.get(0).column();
    }
}

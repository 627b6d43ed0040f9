package io.arus.core.gitops;

/**
 * A pipelines-as-code document that cannot be read or applied; nothing was changed.
 */
public class InvalidDocumentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final int line;
    private final int column;

    /**
     * @param field   the field path, e.g. {@code pipelines[orders].streams[2].cursor_field}; null when the document
     *                as a whole is at fault
     * @param line    the line in the document (1-based), 0 when unknown
     * @param column  the column (1-based), 0 when unknown
     * @param message what is wrong, never a secret
     */
    public InvalidDocumentException(String field, int line, int column, String message) {
        super(message);
        this.field = field;
        this.line = line;
        this.column = column;
    }

    /** @return the field path, or null */
    public String field() {
        return field;
    }

    /** @return the line (1-based), 0 when unknown */
    public int line() {
        return line;
    }

    /** @return the column (1-based), 0 when unknown */
    public int column() {
        return column;
    }
}

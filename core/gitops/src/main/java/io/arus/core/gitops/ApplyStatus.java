package io.arus.core.gitops;

import java.time.Instant;
import java.util.List;

/**
 * The watched folder's state.
 *
 * @param dir           the folder ({@code arus.pipelines.dir}), null when the folder is off
 * @param lastAppliedAt when the folder's files were last applied without error, null before that
 * @param files         the *.yaml and *.yml files read at the last attempt, by name, sorted
 * @param error         why the last attempt changed nothing (file, line, field path), null when it succeeded
 */
public record ApplyStatus(String dir, Instant lastAppliedAt, List<String> files, Error error) {
    public ApplyStatus {
        files = List.copyOf(files);
    }

    /**
     * A refused attempt.
     *
     * @param file    the file at fault, null when the error is across files (a name given twice)
     * @param line    its line (1-based), 0 when unknown
     * @param column  its column (1-based), 0 when unknown
     * @param field   the field path ({@code pipelines[orders].streams[2].cursor_field}), null when unknown
     * @param message what is wrong, never a secret
     * @param at      when the attempt was made
     */
    public record Error(String file, int line, int column, String field, String message, Instant at) {
    }
}

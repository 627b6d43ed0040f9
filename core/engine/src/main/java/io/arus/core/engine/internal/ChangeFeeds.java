package io.arus.core.engine.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Names the state a change-capture reader keeps at the source (a PostgreSQL slot and publication). */
final class ChangeFeeds {
    private ChangeFeeds() {
    }

    /**
     * @param pipelineId the pipeline
     * @param stream     the stream's name ({@code namespace.table})
     * @return {@code arus_<table, at most 16 of [a-z0-9_]>_<16 hex digits of the pipeline and stream>}
     */
    static String name(String pipelineId, String stream) {
        String table = stream.substring(stream.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        table = table.length() > 16 ? table.substring(0, 16) : table;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((pipelineId + "\u0000" + stream).getBytes(StandardCharsets.UTF_8));
            return "arus_" + table + "_" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

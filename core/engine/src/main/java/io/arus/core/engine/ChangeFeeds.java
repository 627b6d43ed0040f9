package io.arus.core.engine;

import io.arus.api.config.Config;
import io.arus.api.connector.Connector;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names and releases the state a change-capture reader keeps at the source (a PostgreSQL slot and publication): one
 * feed per change-capture stream of a pipeline.
 */
public final class ChangeFeeds {
    private ChangeFeeds() {
    }

    /**
     * @param pipelineId the pipeline
     * @param stream     the stream's name ({@code namespace.table})
     * @return {@code arus_<table, at most 16 of [a-z0-9_]>_<16 hex digits of the pipeline and stream>}
     */
    public static String name(String pipelineId, String stream) {
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

    /**
     * Describes the feeds of a pipeline's change-capture streams at its source ({@link
     * ConnectorSession#describeChangeFeed}); a feed the source could not describe says why under {@code error}.
     *
     * @return per stream, what the source keeps for it (empty when nothing)
     * @throws Exception when the source cannot be opened
     */
    public static Map<String, Map<String, Object>> describe(Connector connector, Map<String, ?> config,
                                                            String pipelineId, List<String> streams) throws Exception {
        return describe(connector, config, pipelineId, streams, Map.of());
    }

    /**
     * @param stored the offset stored last per stream (a stream without one is left out)
     * @see #describe(Connector, Map, String, List)
     */
    public static Map<String, Map<String, Object>> describe(Connector connector, Map<String, ?> config,
                                                            String pipelineId, List<String> streams,
                                                            Map<String, io.arus.api.record.Offset> stored)
            throws Exception {
        Map<String, Map<String, Object>> feeds = new LinkedHashMap<>();
        if (streams.isEmpty()) {
            return feeds;
        }
        try (ConnectorSession session = connector.open(Config.of(connector.descriptor().config(), config))) {
            for (String stream : streams) {
                try {
                    feeds.put(stream, session.describeChangeFeed(name(pipelineId, stream), stored.get(stream)));
                } catch (ConnectorException e) {
                    feeds.put(stream, Map.of("error", e.getMessage()));
                }
            }
        }
        return feeds;
    }

    /**
     * Drops the feeds of a pipeline's change-capture streams at its source (the pipeline is deleted, or its state
     * reset so that the next run starts with a new snapshot).
     *
     * @param connector  the source's connector
     * @param config     the source's configuration, secrets decrypted
     * @param pipelineId the pipeline
     * @param streams    its change-capture streams ({@code namespace.table})
     * @throws Exception when the source cannot be reached or refused
     */
    public static void release(Connector connector, Map<String, ?> config, String pipelineId, List<String> streams)
            throws Exception {
        if (streams.isEmpty()) {
            return;
        }
        try (ConnectorSession session = connector.open(Config.of(connector.descriptor().config(), config))) {
            for (String stream : streams) {
                session.dropChangeFeed(name(pipelineId, stream));
            }
        }
    }
}

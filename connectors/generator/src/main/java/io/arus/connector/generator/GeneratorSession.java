package io.arus.connector.generator;

import io.arus.api.connector.CheckResult;
import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorSession;
import io.arus.api.connector.ReadRequest;
import io.arus.api.connector.Split;
import io.arus.api.connector.StreamContext;
import io.arus.api.connector.StreamDescriptor;
import io.arus.api.connector.StreamId;
import io.arus.api.connector.StreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A session over generated tables: nothing to connect to, so every call answers at once. */
final class GeneratorSession implements ConnectorSession {
    static final String NAMESPACE = "generator";

    private final int tables;
    private final long rows;
    private final long seed;

    GeneratorSession(int tables, long rows, long seed) {
        this.tables = tables;
        this.rows = rows;
        this.seed = seed;
    }

    @Override
    public CheckResult check() {
        return CheckResult.ok("generator: " + tables + " table(s) of " + rows + " rows, seed " + seed);
    }

    @Override
    public List<StreamDescriptor> discover() {
        List<StreamDescriptor> streams = new ArrayList<>();
        for (int t = 1; t <= tables; t++) {
            streams.add(new StreamDescriptor(new StreamId(NAMESPACE, "table_" + t), RowGenerator.SCHEMA, List.of("id"),
                    List.of("updated_at"), rows));
        }
        return streams;
    }

    @Override
    public List<Split> splits(ReadRequest request, int maxSplits) throws ConnectorException {
        table(request.stream());
        int count = (int) Math.max(1, Math.min(maxSplits, rows / 1000));
        List<Split> splits = new ArrayList<>(count);
        long size = (rows + count - 1) / count;
        for (long from = 1; from <= Math.max(rows, 1); from += Math.max(size, 1)) {
            long to = Math.min(rows, from + size - 1);
            splits.add(new Split("ids-" + from + "-" + to, Map.of("from", from, "to", to)));
        }
        return splits;
    }

    @Override
    public StreamReader openReader(ReadRequest request, Split split, StreamContext context) throws ConnectorException {
        int table = table(request.stream());
        long from = 1;
        long to = rows;
        if (!split.bounds().isEmpty()) {
            from = ((Number) split.bounds().get("from")).longValue();
            to = Math.min(rows, ((Number) split.bounds().get("to")).longValue());
        }
        return new GeneratorReader(new RowGenerator(seed, table), request, from, to);
    }

    private int table(StreamId stream) throws ConnectorException {
        if (NAMESPACE.equals(stream.namespace()) && stream.name().startsWith("table_")) {
            try {
                int table = Integer.parseInt(stream.name().substring("table_".length()));
                if (table >= 1 && table <= tables) {
                    return table;
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new ConnectorException(ConnectorException.Kind.CONFIGURATION,
                "no stream " + stream + ": the generator has " + NAMESPACE + ".table_1 to table_" + tables);
    }

    @Override
    public void close() {
        // nothing to release
    }
}

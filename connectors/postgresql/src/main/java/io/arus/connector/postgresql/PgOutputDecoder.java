package io.arus.connector.postgresql;

import io.arus.api.connector.ConnectorException;
import io.arus.api.connector.ConnectorException.Kind;
import io.arus.api.record.Changes;
import io.arus.api.record.RecordBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes the messages of {@code pgoutput} protocol version 1 for one table into change rows: the selected columns,
 * then operation, position and commit time ({@link Changes#schemaOf}). Tracks transaction boundaries so that the
 * reader knows the last complete commit, and spots its own end marker (a logical decoding message) in a bounded
 * read. Tuple values arrive in text output format and are decoded per column like the snapshot reads them.
 */
final class PgOutputDecoder {
    private static final long PG_EPOCH_SECONDS = 946_684_800L;

    private final CaptureTable table;
    private final List<CaptureTable.Column> selected;
    private final TextValueDecoder[] decoders;
    private final String markerPrefix;
    private final String markerContent;
    /** For each column of the current relation message, its index among the selected columns, or -1. */
    private int[] relationToOutput;
    private int relationId = -1;
    private boolean inTransaction;
    private long transactionLsn;
    private Instant transactionTime;
    private long lastCommitEnd;
    private boolean markerSeen;

    PgOutputDecoder(CaptureTable table, List<CaptureTable.Column> selected, String markerPrefix, String markerContent,
                    long startLsn) {
        this.table = table;
        this.selected = selected;
        this.decoders = new TextValueDecoder[selected.size()];
        for (int i = 0; i < decoders.length; i++) {
            decoders[i] = TextValueDecoder.forType(selected.get(i).mapping().type());
        }
        this.markerPrefix = markerPrefix;
        this.markerContent = markerContent;
        this.lastCommitEnd = startLsn;
    }

    /** @return whether a transaction began and did not commit yet */
    boolean inTransaction() {
        return inTransaction;
    }

    /** @return the end of the last commit record decoded (or the start position before any) */
    long lastCommitEnd() {
        return lastCommitEnd;
    }

    /** @return whether this reader's end marker went by */
    boolean markerSeen() {
        return markerSeen;
    }

    /**
     * @param message one message, positioned at its type byte
     * @param rows    receives the change rows it carries
     * @throws ConnectorException on a schema change, a TRUNCATE or a message that cannot be decoded
     */
    void decode(ByteBuffer message, List<Object[]> rows) throws ConnectorException {
        byte type = message.get();
        switch (type) {
            case 'B' -> {
                transactionLsn = message.getLong();
                transactionTime = instant(message.getLong());
                inTransaction = true;
            }
            case 'C' -> {
                message.get(); // flags
                message.getLong(); // the commit record's position, as in Begin
                lastCommitEnd = message.getLong();
                inTransaction = false;
            }
            case 'R' -> relation(message);
            case 'I' -> {
                requireRelation(message.getInt());
                expect(message, 'N');
                rows.add(tuple(message, Changes.INSERT));
            }
            case 'U' -> {
                requireRelation(message.getInt());
                byte part = message.get();
                if (part == 'K' || part == 'O') {
                    skipTuple(message);
                    part = message.get();
                }
                if (part != 'N') {
                    throw unexpected("update without a new tuple");
                }
                rows.add(tuple(message, Changes.UPDATE));
            }
            case 'D' -> {
                requireRelation(message.getInt());
                byte part = message.get();
                if (part != 'K' && part != 'O') {
                    throw unexpected("delete without a key");
                }
                rows.add(tuple(message, Changes.DELETE));
            }
            case 'T' -> throw new ConnectorException(Kind.SCHEMA, table.id() + " was truncated at the source: TRUNCATE "
                    + "is not captured as row changes, so the destination no longer matches; resync the stream "
                    + "(reset the pipeline's state)");
            case 'M' -> {
                message.get(); // flags
                message.getLong();
                String prefix = string(message);
                byte[] content = new byte[message.getInt()];
                message.get(content);
                if (prefix.equals(markerPrefix) && new String(content, StandardCharsets.UTF_8).equals(markerContent)) {
                    markerSeen = true;
                }
            }
            case 'Y', 'O' -> {
                // a type's name, a transaction's replication origin: nothing a change row needs
            }
            default -> throw unexpected("unknown pgoutput message '" + (char) type + "'");
        }
    }

    /**
     * Checks a relation message against the columns the reader was opened with: a column added or retyped since is
     * an incompatible change for this reader (the engine plans the stream again on the columns the source has now).
     */
    private void relation(ByteBuffer message) throws ConnectorException {
        int id = message.getInt();
        string(message);
        String name = string(message);
        message.get(); // replica identity
        int count = message.getShort();
        int[] mapping = new int[count];
        Set<String> present = new HashSet<>();
        for (int i = 0; i < count; i++) {
            message.get(); // flags: part of the key
            String column = string(message);
            int typeOid = message.getInt();
            int typmod = message.getInt();
            present.add(column);
            var known = table.column(column).orElseThrow(() -> new ConnectorException(Kind.SCHEMA, table.id()
                    + ": column " + column + " was added at the source while changes were captured"));
            if (known.typeOid() != typeOid || known.typmod() != typmod) {
                throw new ConnectorException(Kind.SCHEMA, table.id() + ": column " + column
                        + " changed type at the source while changes were captured (it was " + known.type().text() + ")");
            }
            mapping[i] = -1;
            for (int j = 0; j < selected.size(); j++) {
                if (selected.get(j).name().equals(column)) {
                    mapping[i] = j;
                }
            }
        }
        for (CaptureTable.Column column : selected) {
            // A column the reader knows that the relation lacks was either added after this point of the log (the
            // reader opened later, on the table as it is now) or dropped since the reader opened: its values are
            // then null. Only a key column cannot go: deletes and upserts are applied by it.
            if (!present.contains(column.name()) && table.primaryKey().contains(column.name())) {
                throw new ConnectorException(Kind.SCHEMA, table.id() + ": key column " + column.name()
                        + " was dropped or renamed at the source while changes were captured");
            }
        }
        if (!name.equals(table.id().name())) {
            throw unexpected("a relation message for " + name + " on the change feed of " + table.id());
        }
        relationId = id;
        relationToOutput = mapping;
    }

    private Object[] tuple(ByteBuffer message, String op) throws ConnectorException {
        int count = message.getShort();
        if (count != relationToOutput.length) {
            throw unexpected("a tuple of " + count + " columns for a relation of " + relationToOutput.length);
        }
        Object[] row = new Object[selected.size() + 3];
        for (int i = 0; i < count; i++) {
            byte kind = message.get();
            int output = relationToOutput[i];
            switch (kind) {
                case 'n' -> {
                    // NULL (or, in a key tuple, a column that is not part of the key)
                }
                case 'u' -> {
                    if (output >= 0) {
                        row[output] = RecordBatch.ABSENT;
                    }
                }
                case 't' -> {
                    int length = message.getInt();
                    if (output >= 0) {
                        String text = new String(message.array(), message.arrayOffset() + message.position(), length,
                                StandardCharsets.UTF_8);
                        try {
                            row[output] = decoders[output].decode(text);
                        } catch (RuntimeException e) {
                            throw new ConnectorException(Kind.DATA, table.id() + ": column " + selected.get(output)
                                    .name() + " has a value Arus cannot read: " + e.getMessage(), e);
                        }
                    }
                    message.position(message.position() + length);
                }
                default -> throw unexpected("unknown tuple value kind '" + (char) kind + "'");
            }
        }
        int base = selected.size();
        row[base] = op;
        row[base + 1] = transactionLsn;
        row[base + 2] = transactionTime;
        return row;
    }

    private static void skipTuple(ByteBuffer message) {
        int count = message.getShort();
        for (int i = 0; i < count; i++) {
            if (message.get() == 't') {
                int length = message.getInt();
                message.position(message.position() + length);
            }
        }
    }

    private void requireRelation(int id) throws ConnectorException {
        if (relationToOutput == null || id != relationId) {
            throw unexpected("a change of relation " + id + " before its relation message");
        }
    }

    private void expect(ByteBuffer message, char part) throws ConnectorException {
        if (message.get() != part) {
            throw unexpected("expected tuple part '" + part + "'");
        }
    }

    private ConnectorException unexpected(String what) {
        return new ConnectorException(Kind.INTERNAL, table.id() + ": unexpected change feed content: " + what);
    }

    private static String string(ByteBuffer message) {
        int start = message.position();
        int end = start;
        while (message.get(end) != 0) {
            end++;
        }
        String value = new String(message.array(), message.arrayOffset() + start, end - start, StandardCharsets.UTF_8);
        message.position(end + 1);
        return value;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS,
                Math.floorMod(micros, 1_000_000L) * 1000);
    }

    @Override
    public String toString() {
        return "pgoutput decoder of " + table.id() + " " + Arrays.toString(relationToOutput);
    }
}

package io.arus.transform.hash;

import io.arus.api.record.RecordBatch;
import io.arus.api.transform.TransformResult;
import io.arus.api.transform.TransformStep;
import io.arus.api.type.Field;
import io.arus.api.type.LogicalType;
import io.arus.api.type.Schema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** One hash step: the listed columns replaced by their salted SHA-256 (in a copy of each row, or in place in a chain). */
final class HashStep implements TransformStep {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private final Schema output;
    private final int[] indexes;
    private final byte[] salt;
    private final MessageDigest digest;
    /** An ASCII value's bytes and the digest, reused from row to row (this runs on every row). */
    private byte[] text = new byte[64];
    private final byte[] sum = new byte[32];

    /**
     * @param input   the input schema
     * @param indexes the positions of the columns to hash
     * @param salt    the salt's UTF-8 bytes
     */
    HashStep(Schema input, int[] indexes, byte[] salt) {
        List<Field> fields = new ArrayList<>(input.fields());
        for (int index : indexes) {
            Field field = fields.get(index);
            fields.set(index, Field.of(field.name(), LogicalType.STRING, field.nullable()));
        }
        this.output = Schema.of(fields);
        this.indexes = indexes.clone();
        this.salt = salt.clone();
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    @Override
    public Schema outputSchema() {
        return output;
    }

    @Override
    public TransformResult apply(RecordBatch batch) {
        return apply(batch, true);
    }

    @Override
    public boolean writesInPlace() {
        return true;
    }

    @Override
    public TransformResult applyInPlace(RecordBatch batch) {
        return apply(batch, false);
    }

    private TransformResult apply(RecordBatch batch, boolean copy) {
        List<Object[]> rows = new ArrayList<>(batch.size());
        for (Object[] row : batch.rows()) {
            Object[] out = copy ? row.clone() : row;
            for (int index : indexes) {
                Object value = out[index];
                if (value != null && value != RecordBatch.ABSENT) {
                    out[index] = hash(text(value));
                }
            }
            rows.add(out);
        }
        return TransformResult.of(RecordBatch.of(output, rows, batch.offsetAfter()));
    }

    private String hash(String value) {
        digest.update(salt);
        if (!updateAscii(value)) {
            digest.update(value.getBytes(StandardCharsets.UTF_8));
        }
        try {
            digest.digest(sum, 0, sum.length);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 gives 32 bytes", e);
        }
        return hex(sum);
    }

    /** Feeds an ASCII value to the digest through the reused buffer; @return false, feeding nothing, otherwise. */
    private boolean updateAscii(String value) {
        int length = value.length();
        if (text.length < length) {
            text = new byte[Math.max(length, text.length * 2)];
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            text[i] = (byte) c;
        }
        digest.update(text, 0, length);
        return true;
    }

    /**
     * The text that is hashed: a string (or JSON text) as it is, a decimal in plain notation with its scale
     * ({@code 10.50}), bytes as lower-case hex, anything else its Java {@code toString()} (numbers {@code 42},
     * {@code 1.5}; booleans {@code true}; dates, times and timestamps ISO-8601; UUIDs lower case).
     */
    /** Lower-case hex in one copy (HexFormat builds a StringBuilder first): this runs on every row. */
    private static String hex(byte[] bytes) {
        byte[] text = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            text[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
            text[2 * i + 1] = DIGITS[bytes[i] & 0xF];
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return HEX.formatHex(bytes);
        }
        return value.toString();
    }
}

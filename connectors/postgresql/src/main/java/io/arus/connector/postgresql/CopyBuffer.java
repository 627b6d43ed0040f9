package io.arus.connector.postgresql;

import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * A growable big-endian byte buffer that hands full chunks to a running COPY, so a flush of any size streams in
 * bounded memory and the server parses while the client encodes.
 */
final class CopyBuffer {
    /**
     * What is sent at once. The array (a chunk plus one row's slack) stays under 512 KB, half the smallest G1
     * region, so it is an ordinary young object: a larger one is allocated as humongous, and every batch's would
     * start a collection of its own.
     */
    private static final int CHUNK = 1 << 18;

    private final CopyIn copy;
    private byte[] bytes = new byte[CHUNK + 1024];
    private int size;

    CopyBuffer(CopyIn copy) {
        this.copy = copy;
    }

    int size() {
        return size;
    }

    void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void writeShort(int value) {
        ensure(2);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void writeInt(int value) {
        ensure(4);
        bytes[size++] = (byte) (value >>> 24);
        bytes[size++] = (byte) (value >>> 16);
        bytes[size++] = (byte) (value >>> 8);
        bytes[size++] = (byte) value;
    }

    void writeLong(long value) {
        writeInt((int) (value >>> 32));
        writeInt((int) value);
    }

    void write(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /**
     * Writes an ASCII text's length and bytes straight into the buffer, without a byte array of its own (most text
     * is ASCII, and this runs for every text value).
     *
     * @return false, having written nothing, when the text has a character outside ASCII
     */
    boolean writeAsciiWithLength(String text) {
        int length = text.length();
        ensure(4 + length);
        int start = size + 4;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            bytes[start + i] = (byte) c;
        }
        writeInt(length);
        size += length;
        return true;
    }

    /** Reserves four bytes for a length written later by {@link #patchInt}; @return their position. */
    int reserveInt() {
        writeInt(0);
        return size - 4;
    }

    void patchInt(int position, int value) {
        bytes[position] = (byte) (value >>> 24);
        bytes[position + 1] = (byte) (value >>> 16);
        bytes[position + 2] = (byte) (value >>> 8);
        bytes[position + 3] = (byte) value;
    }

    /** Sends what is buffered once a chunk is full; called between rows, never inside one (lengths get patched). */
    void flushIfFull() throws SQLException {
        if (size >= CHUNK) {
            flush();
        }
    }

    void flush() throws SQLException {
        if (size > 0) {
            copy.writeToCopy(bytes, 0, size);
            size = 0;
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            byte[] larger = new byte[Math.max(bytes.length * 2, size + more)];
            System.arraycopy(bytes, 0, larger, 0, size);
            bytes = larger;
        }
    }
}

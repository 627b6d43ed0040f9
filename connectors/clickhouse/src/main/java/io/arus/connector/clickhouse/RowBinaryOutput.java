package io.arus.connector.clickhouse;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of RowBinary bytes: little-endian fixed-width numbers, LEB128 lengths, length-prefixed
 * strings. One buffer is reused for every insert of a writer, so encoding allocates little per row beyond
 * the UTF-8 bytes of strings.
 */
final class RowBinaryOutput {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] bytes = new byte[1 << 16];
    private int size;

    /** @return how many bytes are buffered */
    int size() {
        return size;
    }

    /** Forgets everything after the first {@code mark} bytes (a batch that could not be encoded). */
    void truncate(int mark) {
        size = mark;
    }

    /** Empties the buffer and gives back memory a very large batch took. */
    void clear() {
        size = 0;
        if (bytes.length > 64 << 20) {
            bytes = new byte[1 << 16];
        }
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, size);
    }

    void writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void writeShort(int value) {
        ensure(2);
        SHORT.set(bytes, size, (short) value);
        size += 2;
    }

    void writeInt(int value) {
        ensure(4);
        INT.set(bytes, size, value);
        size += 4;
    }

    void writeLong(long value) {
        ensure(8);
        LONG.set(bytes, size, value);
        size += 8;
    }

    void writeFloat(float value) {
        writeInt(Float.floatToRawIntBits(value));
    }

    void writeDouble(double value) {
        writeLong(Double.doubleToRawLongBits(value));
    }

    /** Writes an unsigned LEB128 number, the length prefix of strings and arrays. */
    void writeVarInt(long value) {
        ensure(10);
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        bytes[size++] = (byte) rest;
    }

    /** Writes raw bytes, length first. */
    void writeBytes(byte[] value) {
        writeVarInt(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
    }

    /**
     * Writes a string as UTF-8, length first. ASCII text (most columns) is copied char by char straight into the
     * buffer; only other text goes through {@code getBytes}, whose array per value was a sixth of all the memory a
     * 1,000,000-row copy allocated (and so a good part of its collection time in a 512 MB heap).
     */
    void writeString(String value) {
        int length = value.length();
        int mark = size;
        writeVarInt(length);
        ensure(length);
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                size = mark;
                writeBytes(value.getBytes(StandardCharsets.UTF_8));
                return;
            }
            bytes[size + i] = (byte) c;
        }
        size += length;
    }

    /** Writes {@code count} zero bytes: a null's placeholder in a Native column. */
    void writeZeros(int count) {
        ensure(count);
        Arrays.fill(bytes, size, size + count, (byte) 0);
        size += count;
    }

    /** Writes {@code value} as {@code width} bytes of little-endian two's complement (Int128, Int256). */
    void writeWide(byte[] bigEndian, int width) {
        ensure(width);
        byte fill = bigEndian.length > 0 && bigEndian[0] < 0 ? (byte) -1 : 0;
        for (int i = 0; i < width; i++) {
            int from = bigEndian.length - 1 - i;
            bytes[size + i] = from >= 0 ? bigEndian[from] : fill;
        }
        size += width;
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }
}

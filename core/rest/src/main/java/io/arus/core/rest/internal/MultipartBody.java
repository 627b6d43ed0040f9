package io.arus.core.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one file part out of a {@code multipart/form-data} body (RFC 7578) as it streams by, without holding the
 * file in memory: the plugin upload takes JARs of up to 50 MB. The JAX-RS runtime here offers no multipart API
 * (and the servlet's multipart support is off for the JAX-RS whiteboard), so this small reader does the job.
 */
final class MultipartBody {
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?i);\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final long MAX_OTHER_PART = 64 * 1024;

    /** A file part that was copied out: its file name as the client sent it, and its size. */
    record FilePart(String filename, long bytes) {
    }

    /** The body is larger than allowed. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long max) {
            super("is larger than " + (max / (1024 * 1024)) + " MB");
        }
    }

    /** The body is not the multipart document its Content-Type announced. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private final Lookahead in;
    private final byte[] delimiter;

    private MultipartBody(InputStream in, String boundary) {
        this.in = new Lookahead(in);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** @return the boundary of a {@code multipart/*} Content-Type, or null when it names none */
    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            return null;
        }
        String boundary = m.group(1) != null ? m.group(1) : m.group(2);
        return boundary.isEmpty() || boundary.length() > 200 ? null : boundary;
    }

    /**
     * Copies the first part named {@code field} that carries a file name into {@code out}; other parts are skipped.
     *
     * @param body     the request body
     * @param boundary the boundary from the Content-Type
     * @param field    the form field of the file, e.g. {@code file}
     * @param out      where the file's bytes go
     * @param maxBytes the largest file accepted
     * @return the part's file name and size
     * @throws TooLarge  when the file is larger than {@code maxBytes}
     * @throws Malformed when the body is not well-formed or has no such part
     * @throws IOException when reading or writing fails
     */
    static FilePart copyFile(InputStream body, String boundary, String field, OutputStream out, long maxBytes) throws IOException {
        return new MultipartBody(body, boundary).copy(field, out, maxBytes);
    }

    private FilePart copy(String field, OutputStream out, long maxBytes) throws IOException {
        skipPreamble();
        while (true) {
            String disposition = null;
            for (String line = headerLine(); !line.isEmpty(); line = headerLine()) {
                if (line.regionMatches(true, 0, "Content-Disposition:", 0, 20)) {
                    disposition = line;
                }
            }
            String name = group(NAME, disposition);
            String filename = group(FILENAME, disposition);
            if (field.equals(name) && filename != null) {
                long bytes = copyPart(out, maxBytes, true);
                return new FilePart(filename, bytes);
            }
            copyPart(OutputStream.nullOutputStream(), MAX_OTHER_PART, false);
            if (afterDelimiterIsEnd()) {
                throw new Malformed("has no part named \"" + field + "\" with a file");
            }
        }
    }

    /** Skips to just after the first boundary line. */
    private void skipPreamble() throws IOException {
        // the first boundary may open the body without the CRLF that precedes every other one
        byte[] first = java.util.Arrays.copyOfRange(delimiter, 2, delimiter.length);
        if (in.startsWith(first)) {
            in.skip(first.length);
        } else {
            copyPart(OutputStream.nullOutputStream(), MAX_OTHER_PART, false);
        }
        if (afterDelimiterIsEnd()) {
            throw new Malformed("has no part at all");
        }
    }

    /** After a delimiter: "--" ends the body, CRLF starts the next part's headers. */
    private boolean afterDelimiterIsEnd() throws IOException {
        int a = in.read();
        int b = in.read();
        if (a == '-' && b == '-') {
            return true;
        }
        // transport padding (spaces, tabs) may precede the CRLF
        while (a == ' ' || a == '\t') {
            a = b;
            b = in.read();
        }
        if (a == '\r' && b == '\n') {
            return false;
        }
        throw new Malformed("is not well-formed multipart/form-data (a boundary line does not end properly)");
    }

    /** Copies bytes up to the next delimiter (which is consumed). */
    private long copyPart(OutputStream out, long max, boolean fileLimit) throws IOException {
        long count = 0;
        byte first = delimiter[0];
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new Malformed("ends before its closing boundary");
            }
            if (b == first && in.startsWithAfter(delimiter, 1)) {
                in.skip(delimiter.length - 1);
                return count;
            }
            if (++count > max) {
                if (fileLimit) {
                    throw new TooLarge(max);
                }
                throw new Malformed("has a form field larger than " + max + " bytes");
            }
            out.write(b);
        }
    }

    private String headerLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new Malformed("ends inside the headers of a part");
            }
            if (b == '\r' && in.startsWithAfter(new byte[] {'\n'}, 0)) {
                in.skip(1);
                return line.toString();
            }
            if (line.length() >= MAX_HEADER_LINE) {
                throw new Malformed("has a part header line longer than " + MAX_HEADER_LINE + " characters");
            }
            // header values are ASCII, or UTF-8 in file names: kept byte-wise here, decoded in group()
            line.append((char) b);
        }
    }

    private static String group(Pattern pattern, String header) {
        if (header == null) {
            return null;
        }
        Matcher m = pattern.matcher(header);
        return m.find() ? new String(m.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8) : null;
    }

    /** A buffered stream that can look ahead without consuming (the delimiter check). */
    private static final class Lookahead {
        private final InputStream in;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int limit;

        Lookahead(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            if (pos == limit && !fill(1)) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        /** Whether the next bytes equal {@code pattern} from {@code from} on, without consuming them. */
        boolean startsWithAfter(byte[] pattern, int from) throws IOException {
            int need = pattern.length - from;
            if (limit - pos < need && !fill(need)) {
                return false;
            }
            for (int i = 0; i < need; i++) {
                if (buf[pos + i] != pattern[from + i]) {
                    return false;
                }
            }
            return true;
        }

        boolean startsWith(byte[] pattern) throws IOException {
            return startsWithAfter(pattern, 0);
        }

        void skip(int n) {
            pos += n;
        }

        /** Makes at least {@code n} bytes available; false at the end of the stream. */
        private boolean fill(int n) throws IOException {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            while (limit < n) {
                int read = in.read(buf, limit, buf.length - limit);
                if (read < 0) {
                    return false;
                }
                limit += read;
            }
            return true;
        }
    }
}

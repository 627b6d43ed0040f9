package io.arus.core.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartBodyTest {
    private static final String BOUNDARY = "----arus7MA4YWxkTrZu0gW";

    /** A body as browsers send it: a text field, then the file part. */
    private static byte[] body(byte[] file, String filename) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
                + "hello\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static MultipartBody.FilePart copy(byte[] body, ByteArrayOutputStream out, long max) throws IOException {
        return MultipartBody.copyFile(new ByteArrayInputStream(body), BOUNDARY, "file", out, max);
    }

    @Test
    void copiesTheFilePartByteForByteAndSkipsOtherFields() throws Exception {
        byte[] file = new byte[300_000];
        new Random(7).nextBytes(file);
        // near-misses of the delimiter inside the data must stay data
        byte[] nearMiss = ("\r\n--" + BOUNDARY.substring(0, 10)).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(nearMiss, 0, file, 65_530, nearMiss.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        MultipartBody.FilePart part = copy(body(file, "generator.jar"), out, Long.MAX_VALUE);

        assertThat(part.filename()).isEqualTo("generator.jar");
        assertThat(part.bytes()).isEqualTo(file.length);
        assertThat(out.toByteArray()).isEqualTo(file);
    }

    @Test
    void readsAFileNameInUtf8() throws Exception {
        MultipartBody.FilePart part = copy(body(new byte[] {1, 2, 3}, "plügin.jar"), new ByteArrayOutputStream(), 100);

        assertThat(part.filename()).isEqualTo("plügin.jar");
    }

    @Test
    void readsFileNamesTheWaysClientsSendThem() throws Exception {
        // unquoted (RFC 7578 allows a token) and RFC 2231 encoded (filename*=), which a hand-written reader missed
        String unquoted = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=file; filename=plain.jar\r\n\r\nabc\r\n--"
                + BOUNDARY + "--\r\n";
        String encoded = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''pl%C3%BCgin.jar"
                + "\r\n\r\nabc\r\n--" + BOUNDARY + "--\r\n";

        assertThat(copy(unquoted.getBytes(StandardCharsets.UTF_8), new ByteArrayOutputStream(), 100).filename()).isEqualTo("plain.jar");
        assertThat(copy(encoded.getBytes(StandardCharsets.UTF_8), new ByteArrayOutputStream(), 100).filename()).isEqualTo("plügin.jar");
    }

    @Test
    void refusesAFileLargerThanTheLimit() {
        assertThatThrownBy(() -> copy(body(new byte[2 * 1024 * 1024], "big.jar"), new ByteArrayOutputStream(), 1024 * 1024))
                .isInstanceOf(MultipartBody.TooLarge.class).hasMessage("is larger than 1 MB");
    }

    @Test
    void saysSoWhenNoPartCarriesTheFile() {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> copy(body, new ByteArrayOutputStream(), 100))
                .isInstanceOf(MultipartBody.Malformed.class).hasMessageContaining("no part named \"file\"");
    }

    @Test
    void saysSoWhenTheBodyIsCutShort() {
        byte[] whole = body(new byte[1000], "cut.jar");
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 40);

        assertThatThrownBy(() -> copy(cut, new ByteArrayOutputStream(), 10_000))
                .isInstanceOf(MultipartBody.Malformed.class).hasMessageContaining("closing boundary");
    }

    @Test
    void refusesPartHeadersLargerThan8Kb() {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jar\"\r\nX-Pad: "
                + "x".repeat(10_000) + "\r\n\r\nabc\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> copy(body, new ByteArrayOutputStream(), 100))
                .isInstanceOf(MultipartBody.Malformed.class).hasMessageContaining("part headers");
    }

    @Test
    void refusesABodyWhoseOtherPartsAreLargerThanTheFileLimitAllows() {
        byte[] note = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n"
                + "n".repeat(2 * 1024 * 1024) + "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] file = body(new byte[10], "small.jar");
        byte[] both = java.util.Arrays.copyOf(note, note.length + file.length);
        System.arraycopy(file, 0, both, note.length, file.length);

        assertThatThrownBy(() -> copy(both, new ByteArrayOutputStream(), 1024 * 1024))
                .isInstanceOf(MultipartBody.TooLarge.class);
    }

    @Test
    void findsTheBoundaryQuotedOrNot() {
        assertThat(MultipartBody.boundary("multipart/form-data; boundary=abc123")).isEqualTo("abc123");
        assertThat(MultipartBody.boundary("multipart/form-data; charset=utf-8; boundary=\"a b\"")).isEqualTo("a b");
        assertThat(MultipartBody.boundary("multipart/form-data")).isNull();
    }
}

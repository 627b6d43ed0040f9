package io.arus.core.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.fileupload.FileItemIterator;
import org.apache.commons.fileupload.FileItemStream;
import org.apache.commons.fileupload.FileUpload;
import org.apache.commons.fileupload.FileUploadBase;
import org.apache.commons.fileupload.FileUploadException;
import org.apache.commons.fileupload.InvalidFileNameException;
import org.apache.commons.fileupload.MultipartStream;
import org.apache.commons.fileupload.ParameterParser;
import org.apache.commons.fileupload.UploadContext;

/**
 * Reads one file part out of a {@code multipart/form-data} body (RFC 7578) with commons-fileupload's streaming API,
 * as it streams by, without holding the file in memory or on disk twice: the plugin upload takes JARs of up to
 * 50 MB. The JAX-RS runtime here offers no multipart API (and the servlet's multipart support is off for the
 * JAX-RS whiteboard), so the resource hands the raw body here.
 */
final class MultipartBody {
    /** The largest header block of one part. */
    private static final int MAX_PART_HEADERS = 8 * 1024;
    /** What the parts other than the file (a note, the boundaries, the part headers) may add to the file's size. */
    private static final long MAX_OTHER_PARTS = 64 * 1024;

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

    private MultipartBody() {
    }

    /** @return the boundary of a {@code multipart/*} Content-Type, or null when it names none */
    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        ParameterParser parser = new ParameterParser();
        parser.setLowerCaseNames(true);
        String boundary = parser.parse(contentType, new char[] {';', ','}).get("boundary");
        return boundary == null || boundary.isEmpty() || boundary.length() > 200 ? null : boundary;
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
        FileUpload upload = new FileUpload();
        upload.setHeaderEncoding(StandardCharsets.UTF_8.name());
        upload.setFileSizeMax(maxBytes);
        upload.setSizeMax(maxBytes > Long.MAX_VALUE - MAX_OTHER_PARTS ? -1 : maxBytes + MAX_OTHER_PARTS);
        upload.setPartHeaderSizeMax(MAX_PART_HEADERS);
        try {
            FileItemIterator parts = upload.getItemIterator(new Body(body, "multipart/form-data; boundary=\"" + boundary + "\""));
            while (parts.hasNext()) {
                FileItemStream part = parts.next();
                if (!part.isFormField() && field.equals(part.getFieldName()) && part.getName() != null) {
                    String filename = part.getName();
                    try (InputStream in = part.openStream()) {
                        return new FilePart(filename, in.transferTo(out));
                    }
                }
            }
        } catch (FileUploadException | IOException e) {
            throw refusal(e, maxBytes);
        } catch (InvalidFileNameException e) {
            throw new Malformed("has a file name that is not allowed");
        }
        throw new Malformed("has no part named \"" + field + "\" with a file");
    }

    /** What commons-fileupload refused, in the words of the upload's problem document. */
    private static IOException refusal(Exception failure, long maxBytes) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FileUploadBase.FileSizeLimitExceededException) {
                return new TooLarge(maxBytes);
            }
            if (t instanceof FileUploadBase.SizeLimitExceededException size) {
                return size.getPermittedSize() == MAX_PART_HEADERS
                        ? new Malformed("has part headers larger than " + MAX_PART_HEADERS + " bytes") : new TooLarge(maxBytes);
            }
            if (t instanceof MultipartStream.MalformedStreamException) {
                return new Malformed("is not well-formed multipart/form-data (it ends before its closing boundary, or a boundary line is broken)");
            }
        }
        if (failure instanceof IOException io && !(failure instanceof FileUploadBase.FileUploadIOException)) {
            return io;
        }
        return new Malformed("is not well-formed multipart/form-data (" + failure.getMessage() + ")");
    }

    /** The body as commons-fileupload reads it; its length is unknown (the request may be chunked). */
    private record Body(InputStream in, String contentType) implements UploadContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        @Deprecated
        public int getContentLength() {
            return -1;
        }

        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }
    }
}

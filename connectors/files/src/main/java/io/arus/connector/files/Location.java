package io.arus.connector.files;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where files live: a local folder ({@code file:///path}) or a bucket and key prefix ({@code s3://bucket/prefix}).
 *
 * @param scheme {@code file} or {@code s3}
 * @param bucket the bucket, empty for a folder
 * @param root   the folder's absolute path, or the key prefix without leading or trailing slash (may be empty)
 */
record Location(String scheme, String bucket, String root) {
    /**
     * @param text {@code file:///path} or {@code s3://bucket/prefix}
     * @return the location
     * @throws IllegalArgumentException when it is neither
     */
    static Location parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a location is required: file:///path or s3://bucket/prefix");
        }
        String t = text.strip();
        if (t.startsWith("s3://")) {
            String rest = t.substring(5);
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("'" + bucket + "' is not an S3 bucket name (3 to 63 of a-z 0-9 . -)");
            }
            return new Location("s3", bucket, prefix);
        }
        if (t.startsWith("file:")) {
            Path path = Path.of(URI.create(t));
            return new Location("file", "", path.toAbsolutePath().normalize().toString());
        }
        throw new IllegalArgumentException("'" + t + "' is neither file:///path nor s3://bucket/prefix");
    }

    /** @return whether this is object storage */
    boolean isS3() {
        return scheme.equals("s3");
    }

    /**
     * @param relative a path under this location, with forward slashes
     * @return the object key (S3) or the absolute path (folder)
     */
    String resolve(String relative) {
        String r = trimSlashes(relative);
        if (root.isEmpty()) {
            return r;
        }
        return r.isEmpty() ? root : root + "/" + r;
    }

    static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }

    @Override
    public String toString() {
        return isS3() ? "s3://" + bucket + (root.isEmpty() ? "" : "/" + root) : "file://" + root;
    }
}

package io.arus.itest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The test bucket of scripts/test-services.sh (s3proxy on 127.0.0.1:9444, bucket arus-test) through the S3 REST API
 * itself, signed with AWS signature version 2 (s3proxy takes v2 or v4): lists and downloads objects, independently
 * of the AWS SDK the files connector embeds.
 */
final class S3Bucket {
    static final String ENDPOINT = "http://127.0.0.1:9444";
    static final String BUCKET = "arus-test";
    static final String ACCESS_KEY = "arus-s3";
    static final String SECRET_KEY = "arus-s3-secret-9vQ2";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Pattern KEY = Pattern.compile("<Key>(.*?)</Key>");
    private static final Pattern NEXT = Pattern.compile("<NextContinuationToken>(.*?)</NextContinuationToken>");

    private S3Bucket() {
    }

    /** @return the files connector's config for s3://arus-test/{prefix} */
    static java.util.Map<String, Object> config(String prefix, String format) {
        java.util.Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("location", "s3://" + BUCKET + "/" + prefix);
        config.put("format", format);
        config.put("endpoint", ENDPOINT);
        config.put("path_style", true);
        config.put("access_key", ACCESS_KEY);
        config.put("secret_key", SECRET_KEY);
        return config;
    }

    /** @return the keys under the prefix, sorted */
    static List<String> list(String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            String query = "list-type=2&prefix=" + enc(prefix) + (token == null ? "" : "&continuation-token=" + enc(token));
            String body = send("GET", "/" + BUCKET + "/", query, HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = KEY.matcher(body);
            while (m.find()) {
                keys.add(m.group(1).replace("&amp;", "&"));
            }
            Matcher next = NEXT.matcher(body);
            token = next.find() ? next.group(1) : null;
        } while (token != null);
        keys.sort(null);
        return keys;
    }

    /** Downloads an object into a file. */
    static void download(String key, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        send("GET", "/" + BUCKET + "/" + key, "", HttpResponse.BodyHandlers.ofFile(file));
    }

    /** @return an object's content as text */
    static String get(String key) throws Exception {
        return send("GET", "/" + BUCKET + "/" + key, "", HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Uploads text as an object. */
    static void put(String key, String content) throws Exception {
        HttpRequest request = signed("PUT", "/" + BUCKET + "/" + key, "", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("PUT " + key + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static <T> HttpResponse<T> send(String method, String path, String query, HttpResponse.BodyHandler<T> handler)
            throws Exception {
        HttpResponse<T> response = CLIENT.send(signed(method, path, query, "").GET().build(), handler);
        if (response.statusCode() != 200) {
            throw new IOException(method + " " + path + ": HTTP " + response.statusCode() + " (is s3proxy up? "
                    + "scripts/test-services.sh starts it)");
        }
        return response;
    }

    private static HttpRequest.Builder signed(String method, String path, String query, String contentType) throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String canonical = method + "\n\n" + contentType + "\n" + date + "\n" + path;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ENDPOINT + path + (query.isEmpty() ? "" : "?" + query)))
                .header("Date", date).header("Authorization", "AWS " + ACCESS_KEY + ":" + signature);
        if (!contentType.isEmpty()) {
            b.header("Content-Type", contentType);
        }
        return b;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package io.arus.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket and key prefix over the AWS SDK v2 with its URL-connection HTTP client, set explicitly so that the SDK's
 * ServiceLoader lookup (which fails inside a bundle) is never used. Files are spooled to a local temporary file and
 * uploaded at publish time: small ones with one PUT, large ones as a multipart upload completed at the end; either
 * way the object appears whole or not at all. The keys are sent only to the configured endpoint and never logged.
 */
final class S3Storage implements Storage {
    static final long PART_BYTES = 16L << 20;

    private final Location location;
    private final S3Client client;

    S3Storage(FilesSettings settings) {
        this.location = settings.location();
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                // the SDK's default trailing checksums use aws-chunked uploads that not every S3-compatible server takes
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (!settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint().strip()));
        }
        this.client = builder.build();
    }

    private static AwsCredentialsProvider credentials(FilesSettings settings) {
        if (settings.accessKey().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
    }

    private String key(String relative) {
        return location.resolve(relative);
    }

    private String relative(String key) {
        return location.root().isEmpty() ? key : key.substring(location.root().length() + 1);
    }

    @Override
    public Path stage(String relative) throws IOException {
        return Files.createTempFile("arus-files-", ".part");
    }

    @Override
    public long publish(Path staged, String relative) throws IOException {
        long size = Files.size(staged);
        String key = key(relative);
        try {
            if (size <= PART_BYTES) {
                client.putObject(b -> b.bucket(location.bucket()).key(key), RequestBody.fromFile(staged));
            } else {
                multipart(staged, size, key);
            }
            return size;
        } catch (SdkException e) {
            throw new IOException("upload of " + location + "/" + relative + " failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private void multipart(Path staged, long size, String key) throws IOException {
        String upload = client.createMultipartUpload(b -> b.bucket(location.bucket()).key(key)).uploadId();
        try (InputStream in = Files.newInputStream(staged)) {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long done = 0; done < size; done += PART_BYTES, number++) {
                byte[] part = in.readNBytes((int) Math.min(PART_BYTES, size - done));
                int n = number;
                String etag = client.uploadPart(b -> b.bucket(location.bucket()).key(key).uploadId(upload).partNumber(n),
                        RequestBody.fromBytes(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
            }
            client.completeMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(upload)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (IOException | RuntimeException e) {
            try {
                client.abortMultipartUpload(b -> b.bucket(location.bucket()).key(key).uploadId(upload));
            } catch (SdkException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    @Override
    public void put(String relative, byte[] content) throws IOException {
        try {
            client.putObject(b -> b.bucket(location.bucket()).key(key(relative)), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw new IOException("writing " + location + "/" + relative + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] get(String relative) throws IOException {
        try {
            return client.getObjectAsBytes(b -> b.bucket(location.bucket()).key(key(relative))).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        } catch (SdkException e) {
            throw new IOException("reading " + location + "/" + relative + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String relative) throws IOException {
        try {
            return client.getObject(b -> b.bucket(location.bucket()).key(key(relative)));
        } catch (SdkException e) {
            throw new IOException("reading " + location + "/" + relative + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<StoredFile> list(String relativeDir) throws IOException {
        String dir = key(relativeDir);
        String prefix = dir.isEmpty() ? "" : dir + "/";
        List<StoredFile> files = new ArrayList<>();
        try {
            for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(prefix)).contents()) {
                files.add(new StoredFile(relative(o.key()), o.size(), o.lastModified().toEpochMilli(),
                        o.eTag() == null ? "" : o.eTag().replace("\"", "")));
            }
        } catch (SdkException e) {
            throw new IOException("listing " + location + "/" + relativeDir + " failed: " + e.getMessage(), e);
        }
        return files;
    }

    @Override
    public void delete(String relative) throws IOException {
        try {
            client.deleteObject(b -> b.bucket(location.bucket()).key(key(relative)));
        } catch (SdkException e) {
            throw new IOException("deleting " + location + "/" + relative + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String check() throws IOException {
        try {
            client.headBucket(b -> b.bucket(location.bucket()));
            return "bucket " + location.bucket();
        } catch (SdkException e) {
            throw new IOException("bucket " + location.bucket() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}

package io.arus.notifier.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs a body with HMAC-SHA256 under the target's secret: {@code sha256=<lower-case hex>}. */
final class WebhookSignature {
    static final String HEADER = "X-Arus-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * @param body the exact bytes that will be sent
     * @return the header value
     */
    String of(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            // every Java runtime has HmacSHA256, and any non-empty key fits it
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}

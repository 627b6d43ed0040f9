package io.arus.core.security.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compact JWTs signed with HMAC-SHA256. Verification accepts exactly {@code alg: HS256} (never {@code none},
 * never another algorithm), compares signatures in constant time and checks {@code exp}.
 */
final class Hs256Jwt {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();
    private static final String HEADER = ENC.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final SecretKeySpec key;

    Hs256Jwt(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    String sign(Map<String, Object> claims) {
        try {
            String payload = ENC.encodeToString(JSON.writeValueAsBytes(claims));
            String signingInput = HEADER + "." + payload;
            return signingInput + "." + ENC.encodeToString(mac(signingInput));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param nowEpochSeconds the current time
     * @return the claims of a well-signed, unexpired token
     */
    Optional<Map<String, Object>> verify(String token, long nowEpochSeconds) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Map<String, Object> header = JSON.readValue(DEC.decode(parts[0]), new TypeReference<LinkedHashMap<String, Object>>() { });
            if (!"HS256".equals(header.get("alg"))) {
                return Optional.empty();
            }
            byte[] expected = mac(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, DEC.decode(parts[2]))) {
                return Optional.empty();
            }
            Map<String, Object> claims = JSON.readValue(DEC.decode(parts[1]), new TypeReference<LinkedHashMap<String, Object>>() { });
            if (!(claims.get("exp") instanceof Number exp) || exp.longValue() <= nowEpochSeconds) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

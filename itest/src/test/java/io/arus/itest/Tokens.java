package io.arus.itest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-made JWTs: an expired one signed with the server's real key, and one signed with another key. */
final class Tokens {
    private Tokens() {
    }

    static String expiredButWellSigned(Path dataDir, String userId) throws Exception {
        byte[] key = Base64.getDecoder().decode(Files.readString(dataDir.resolve("jwt.key")).trim());
        long now = System.currentTimeMillis() / 1000;
        return sign(key, Map.of("sub", userId, "role", "admin", "iat", now - 3600, "exp", now - 60));
    }

    static String forged(String userId) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        return sign("an attacker's key of thirty-two bytes!!".getBytes(StandardCharsets.UTF_8),
                Map.of("sub", userId, "role", "admin", "iat", now, "exp", now + 600));
    }

    private static String sign(byte[] key, Map<String, Object> claims) throws Exception {
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        String header = enc.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = enc.encodeToString(ArusServer.JSON.writeValueAsBytes(claims));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return header + "." + payload + "." + enc.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
    }
}

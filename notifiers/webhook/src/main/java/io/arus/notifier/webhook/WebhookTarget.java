package io.arus.notifier.webhook;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.notifier.base.HttpEndpoint;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A checked webhook target: where to post, the extra headers and the signature, if a secret is set.
 *
 * @param endpoint  where to post; failures show only its origin
 * @param headers   extra headers, by name
 * @param signature signs the body, when the target has a secret
 */
record WebhookTarget(HttpEndpoint endpoint, Map<String, String> headers, Optional<WebhookSignature> signature) {
    static final String URL = "url";
    static final String SECRET = "secret";
    static final String HEADERS = "headers";

    private static final int CREDENTIAL_LENGTH = 8;

    /** Headers this notifier sets itself; a target may not replace them. */
    private static final Set<String> RESERVED = Set.of("content-type", "user-agent", "x-arus-event",
            "x-arus-event-id", WebhookSignature.HEADER.toLowerCase(Locale.ROOT));

    static WebhookTarget from(Config config) throws ConfigException {
        URI url = HttpEndpoint.httpUrl(config, URL);
        String secret = config.string(SECRET);
        Map<String, String> headers = headers(config.list(HEADERS));
        List<String> hidden = new ArrayList<>();
        hidden.add(secret);
        // header values are hidden in failure messages too; short ones ("json", "1") are no credentials
        headers.values().stream().filter(value -> value.length() >= CREDENTIAL_LENGTH).forEach(hidden::add);
        // the URL may hold a token (many receivers put one in the path): show only its origin
        return new WebhookTarget(HttpEndpoint.secretUrl("Webhook", url, hidden.toArray(String[]::new)), headers,
                secret == null ? Optional.empty() : Optional.of(new WebhookSignature(secret)));
    }

    private static Map<String, String> headers(List<String> entries) throws ConfigException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            int colon = entry.indexOf(':');
            // values are never quoted back: they are usually credentials
            if (colon <= 0) {
                throw new ConfigException(HEADERS, "entry " + (i + 1) + " must look like 'Name: value'");
            }
            String name = entry.substring(0, colon).strip();
            String value = entry.substring(colon + 1).strip();
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new ConfigException(HEADERS, "header " + name + " is set by Arus and cannot be replaced");
            }
            try {
                // the HTTP client's own rules: a valid name, a value without line breaks, not a restricted header
                HttpRequest.newBuilder().header(name, value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(HEADERS, "entry " + (i + 1) + " is not a header that can be sent");
            }
            headers.put(name, value);
        }
        return headers;
    }
}

package io.arus.notifier.base;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import io.arus.api.notify.NotificationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a notifier posts, with a name that is safe to show. Webhook URLs and bot API paths are credentials: the
 * safe name holds only the scheme, host and port, and the {@link #redactor()} hides the rest wherever a server or
 * an exception echoes it.
 *
 * @param uri      the URL to post to
 * @param safeName e.g. {@code "Slack webhook at https://hooks.slack.com"}
 * @param redactor hides the secrets of this endpoint
 */
public record HttpEndpoint(URI uri, String safeName, Redactor redactor) {
    /** Path segments and query parts at least this long are treated as tokens and redacted on their own. */
    private static final int TOKEN_LENGTH = 10;

    /**
     * An endpoint whose whole URL is a secret, such as a chat webhook.
     *
     * @param channel what is posted to, e.g. {@code "Slack webhook"}
     * @param uri     the URL
     * @param secrets further secrets to redact, such as a token that is part of the URL; nulls are ignored
     * @return the endpoint
     */
    public static HttpEndpoint secretUrl(String channel, URI uri, String... secrets) {
        List<String> candidates = new ArrayList<>();
        candidates.add(uri.getRawPath());
        candidates.add(uri.getPath());
        candidates.add(uri.getRawQuery());
        candidates.addAll(List.of((uri.getPath() + "/" + Objects.toString(uri.getQuery(), "")).split("[/&=]")));
        List<String> hidden = new ArrayList<>(Arrays.asList(secrets));
        hidden.add(uri.toString());
        hidden.add(uri.getRawUserInfo()); // user:password@host, however short
        hidden.add(uri.getUserInfo());
        // short parts ("/", "hook") are no secret, and hiding them would garble every message
        candidates.stream().filter(part -> part != null && part.length() >= TOKEN_LENGTH).forEach(hidden::add);
        return new HttpEndpoint(uri, channel + " at " + origin(uri), new Redactor(hidden));
    }

    /**
     * The endpoint of a target whose URL field is a secret as a whole, such as a chat webhook.
     *
     * @param channel what is posted to, e.g. {@code "Slack webhook"}
     * @param target  the target configuration
     * @param field   the URL field
     * @return the endpoint
     * @throws NotificationException a permanent failure naming the field when it is not an http(s) URL
     */
    public static HttpEndpoint secretUrl(String channel, Config target, String field) throws NotificationException {
        return secretUrl(channel, TargetReader.read(target, config -> httpUrl(config, field)));
    }

    /**
     * Reads a URL field that must be an absolute {@code http://} or {@code https://} URL with a host. The server
     * has checked it is a URL; a notifier also needs it to be a web one.
     *
     * @param config the target configuration
     * @param field  the field's name
     * @return the URL
     * @throws ConfigException naming the field, without its value (it may hold a token)
     */
    public static URI httpUrl(Config config, String field) throws ConfigException {
        String value = config.string(field);
        if (value == null || value.isBlank()) {
            throw new ConfigException(field, "is required");
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new ConfigException(field, "must be an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(field, "is not a valid URL");
        }
    }

    /**
     * @param uri a URL
     * @return its scheme, host and port only, e.g. {@code "https://hooks.slack.com"}
     */
    public static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}

package io.arus.notifier.email;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Properties;

/**
 * A checked e-mail target: the SMTP server, how to talk to it, the sender and the recipients.
 *
 * @param host     the SMTP server
 * @param port     its port
 * @param username the AUTH user, or {@code null} for no AUTH
 * @param password the AUTH password, or {@code null}
 * @param from     the sender
 * @param to       the recipients, at least one
 * @param starttls whether to require the STARTTLS upgrade
 * @param ssl      whether to speak TLS from the first byte
 */
record EmailTarget(String host, int port, String username, String password, InternetAddress from,
                   List<InternetAddress> to, boolean starttls, boolean ssl) {
    static final String HOST = "host";
    static final String PORT = "port";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String FROM = "from";
    static final String TO = "to";
    static final String STARTTLS = "starttls";
    static final String SSL = "ssl";

    private static final String CONNECT_TIMEOUT_MS = "5000";
    private static final String IO_TIMEOUT_MS = "10000";

    static EmailTarget from(Config config) throws ConfigException {
        String host = config.string(HOST);
        if (host == null || host.isBlank()) {
            throw new ConfigException(HOST, "is required");
        }
        String username = config.string(USERNAME);
        String password = config.string(PASSWORD);
        if (username != null && password == null) {
            throw new ConfigException(PASSWORD, "is required when a username is set");
        }
        if (username == null && password != null) {
            throw new ConfigException(USERNAME, "is required when a password is set");
        }
        return new EmailTarget(host, config.integer(PORT, 587), username, password, sender(config.string(FROM)),
                recipients(config.string(TO)), config.bool(STARTTLS, true), config.bool(SSL, false));
    }

    /** @return e.g. {@code "SMTP server smtp.example.com:587"}; the password never appears in messages */
    String safeName() {
        return "SMTP server " + host + ":" + port;
    }

    /** @return the Jakarta Mail session properties: TLS as configured, certificates checked, timeouts */
    Properties sessionProperties() {
        Properties properties = new Properties();
        properties.setProperty("mail.transport.protocol", "smtp");
        properties.setProperty("mail.smtp.host", host);
        properties.setProperty("mail.smtp.port", Integer.toString(port));
        properties.setProperty("mail.smtp.auth", Boolean.toString(username != null));
        properties.setProperty("mail.smtp.ssl.enable", Boolean.toString(ssl));
        // with STARTTLS on, a server that does not offer it is refused: the password never crosses in clear
        properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(starttls && !ssl));
        properties.setProperty("mail.smtp.starttls.required", Boolean.toString(starttls && !ssl));
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        properties.setProperty("mail.smtp.connectiontimeout", CONNECT_TIMEOUT_MS);
        properties.setProperty("mail.smtp.timeout", IO_TIMEOUT_MS);
        properties.setProperty("mail.smtp.writetimeout", IO_TIMEOUT_MS);
        return properties;
    }

    /** Keeps the password out of logs. */
    @Override
    public String toString() {
        return "EmailTarget[" + safeName() + ", username=" + username + ", from=" + from + ", to=" + to
                + ", starttls=" + starttls + ", ssl=" + ssl + "]";
    }

    private static InternetAddress sender(String text) throws ConfigException {
        try {
            InternetAddress address = new InternetAddress(text == null ? "" : text.strip(), true);
            return checked(address);
        } catch (AddressException e) {
            throw new ConfigException(FROM, "must be an e-mail address such as arus@example.com or "
                    + "Arus <arus@example.com>");
        }
    }

    private static List<InternetAddress> recipients(String text) throws ConfigException {
        if (text == null || text.isBlank()) {
            throw new ConfigException(TO, "is required");
        }
        try {
            InternetAddress[] addresses = InternetAddress.parse(text, true);
            for (InternetAddress address : addresses) {
                checked(address);
            }
            if (addresses.length == 0) {
                throw new AddressException("no address");
            }
            return List.of(addresses);
        } catch (AddressException e) {
            throw new ConfigException(TO, "must be one or more e-mail addresses separated by commas "
                    + (e.getRef() == null ? "" : "('" + e.getRef() + "' is not one)"));
        }
    }

    /** Strict parsing still takes a bare local name ("ops"); a notification must reach a full address. */
    private static InternetAddress checked(InternetAddress address) throws AddressException {
        address.validate();
        String bare = address.getAddress();
        int at = bare.lastIndexOf('@');
        if (at <= 0 || at == bare.length() - 1) {
            throw new AddressException("not a full address", bare);
        }
        return address;
    }
}

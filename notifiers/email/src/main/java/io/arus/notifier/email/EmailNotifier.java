package io.arus.notifier.email;

import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.config.ConfigSpec;
import io.arus.api.config.FieldType;
import io.arus.api.notify.Notification;
import io.arus.api.notify.NotificationException;
import io.arus.api.notify.Notifier;
import io.arus.api.notify.NotifierType;
import io.arus.notifier.base.DescribedNotifier;
import io.arus.notifier.base.RunSummary;
import io.arus.notifier.base.TargetReader;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.util.Properties;
import org.osgi.service.component.annotations.Component;

/**
 * Sends run notifications by e-mail over SMTP: STARTTLS (required, by default) or TLS from the first byte, and
 * AUTH when a username is set. The message has a plain-text part and an HTML alternative.
 */
@Component(service = Notifier.class)
@NotifierType(EmailNotifier.TYPE)
public final class EmailNotifier extends DescribedNotifier {
    static final String TYPE = "email";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.builder(EmailTarget.HOST, FieldType.HOST).label("SMTP host").required()
                    .help("The SMTP server, e.g. smtp.example.com.").build(),
            ConfigField.builder(EmailTarget.PORT, FieldType.PORT).label("Port").defaultValue(587)
                    .help("587 for submission with STARTTLS, 465 for TLS (turn on SSL), 25 for relaying.").build(),
            ConfigField.builder(EmailTarget.USERNAME, FieldType.STRING).label("Username")
                    .help("Leave empty for a server that takes mail without AUTH.").build(),
            ConfigField.builder(EmailTarget.PASSWORD, FieldType.SECRET).label("Password").build(),
            ConfigField.builder(EmailTarget.FROM, FieldType.STRING).label("From").required()
                    .help("The sender, e.g. arus@example.com or Arus <arus@example.com>.").build(),
            ConfigField.builder(EmailTarget.TO, FieldType.STRING).label("To").required()
                    .help("One or more recipients, separated by commas.").build(),
            ConfigField.builder(EmailTarget.STARTTLS, FieldType.BOOLEAN).label("STARTTLS").defaultValue(true)
                    .bindsSecrets()
                    .help("Upgrade the connection to TLS before logging in; the server must offer it.").build(),
            ConfigField.builder(EmailTarget.SSL, FieldType.BOOLEAN).label("SSL/TLS").defaultValue(false)
                    .bindsSecrets()
                    .help("Speak TLS from the first byte (usually port 465) instead of STARTTLS.").build());

    private final Properties sessionOverrides;

    /** The notifier as the framework creates it. */
    public EmailNotifier() {
        this(new Properties());
    }

    /** @param sessionOverrides Jakarta Mail session properties applied last (tests trust GreenMail's certificate) */
    EmailNotifier(Properties sessionOverrides) {
        super(TYPE, "E-mail", "Sends run notifications by e-mail over SMTP.", "mail", SPEC);
        this.sessionOverrides = sessionOverrides;
    }

    @Override
    public void send(Config target, Notification notification) throws NotificationException {
        EmailTarget smtp = TargetReader.read(target, EmailTarget::from);
        // Jakarta Mail finds its providers (SMTP, the mail-cap handlers) through the context class loader: make it
        // this bundle's, which holds them, rather than whatever the calling thread had
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(EmailNotifier.class.getClassLoader());
        try {
            Properties properties = smtp.sessionProperties();
            properties.putAll(sessionOverrides);
            Session session = Session.getInstance(properties);
            var message = EmailMessage.of(session, smtp, RunSummary.of(notification));
            if (smtp.username() == null) {
                Transport.send(message);
            } else {
                Transport.send(message, smtp.username(), smtp.password());
            }
        } catch (MessagingException e) {
            throw SmtpFailure.of(smtp, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}

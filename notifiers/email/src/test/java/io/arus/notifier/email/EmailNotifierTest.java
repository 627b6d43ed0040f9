package io.arus.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.arus.api.config.Config;
import io.arus.api.config.ConfigField;
import io.arus.api.notify.NotificationException;
import io.arus.notifier.base.SampleNotifications;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailNotifierTest {
    private static final String PASSWORD = "gr33n-Mail-pa55";

    /** Plain SMTP and SMTPS (TLS from the first byte) on free ports, one login; started once for the class. */
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            patient(ServerSetupTest.SMTP), patient(ServerSetupTest.SMTPS)})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("arus@example.com", "arus", PASSWORD))
            .withPerMethodLifecycle(false);

    private final EmailNotifier notifier = new EmailNotifier();

    @BeforeEach
    void emptyTheMailboxes() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
    }

    @Test
    void logsInAndMailsEveryRecipientTheSubjectFactsErrorAndLink() throws Exception {
        notifier.send(plainSmtp(Map.of()), SampleNotifications.failedRun());

        assertThat(MAIL.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage[] received = MAIL.getReceivedMessages();
        MimeMessage mail = received[0];
        assertThat(Arrays.stream(received).flatMap(m -> Arrays.stream(recipients(m))).map(Address::toString))
                .containsExactlyInAnyOrder("ops@example.com", "On Call <oncall@example.org>",
                        "ops@example.com", "On Call <oncall@example.org>");
        assertThat(mail.getFrom()).extracting(Address::toString).containsExactly("Arus <arus@example.com>");
        assertThat(mail.getSubject()).isEqualTo("[Arus] pipeline orders failed");
        assertThat(mail.getHeader("X-Arus-Event")).containsExactly("run_failed");
        MimeMultipart alternatives = (MimeMultipart) mail.getContent();
        assertThat(alternatives.getContentType()).startsWith("multipart/alternative");
        BodyPart plain = alternatives.getBodyPart(0);
        BodyPart html = alternatives.getBodyPart(1);
        assertThat(plain.getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat(normalized(plain.getContent())).isEqualTo("""
                Pipeline orders failed

                Pipeline: orders (p-42)
                Run: run-7
                Status: failed
                Rows: read 1,200 · written 1,190 · rejected 10
                Occurred at: 2025-03-14T09:26:53Z

                Error:
                relation "public.orders" does not exist <at> line 1 & col 15
                \tat step 'load'

                Open the run: https://arus.example.com/console/#/runs/run-7
                """);
        assertThat(html.getContentType()).startsWith("text/html; charset=UTF-8");
        assertThat(normalized(html.getContent()))
                .contains("<h2 style=\"color: #e01e5a\">Pipeline orders failed</h2>")
                .contains("<tr><th align=\"left\">Run</th><td>run-7</td></tr>")
                .contains("<pre>relation \"public.orders\" does not exist &lt;at&gt; line 1 &amp; col 15")
                .contains("<a href=\"" + SampleNotifications.LINK + "\">Open the run</a>");
    }

    @Test
    void aWrongPasswordIsPermanentAndNeverQuoted() {
        String wrong = "wr0ng-Secret-pa55";

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(plainSmtp(Map.of("password", wrong)), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("SMTP server 127.0.0.1:" + MAIL.getSmtp().getPort()
                + " rejected the username or password");
        assertThat(traceOf(failure)).doesNotContain(wrong).doesNotContain(PASSWORD);
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void refusesToLogInWhereStartTlsIsRequiredButNotOffered() {
        // GreenMail's plain SMTP port offers no STARTTLS: the password must not go over it in clear
        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(plainSmtp(Map.of("starttls", true)), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains("STARTTLS");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void sendsOverTlsFromTheFirstByte() throws Exception {
        Properties trustGreenMailsCertificate = new Properties();
        trustGreenMailsCertificate.setProperty("mail.smtp.ssl.trust", "*");
        trustGreenMailsCertificate.setProperty("mail.smtp.ssl.checkserveridentity", "false");
        EmailNotifier trusting = new EmailNotifier(trustGreenMailsCertificate);

        trusting.send(smtps(), SampleNotifications.succeededRun());

        assertThat(MAIL.waitForIncomingEmail(5000, 2)).isTrue();
        assertThat(MAIL.getReceivedMessages()[0].getSubject()).isEqualTo("[Arus] pipeline orders succeeded");
    }

    @Test
    void anUntrustedCertificateIsPermanent() {
        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(smtps(), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("TLS with SMTP server 127.0.0.1:" + MAIL.getSmtps().getPort()
                + " failed");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerIsRetryable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        NotificationException failure = catchThrowableOfType(NotificationException.class,
                () -> notifier.send(plainSmtp(Map.of("port", closed)), SampleNotifications.failedRun()));

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.getMessage()).startsWith("SMTP server 127.0.0.1:" + closed + " could not be reached: ");
        assertThat(traceOf(failure)).doesNotContain(PASSWORD);
    }

    @Test
    void describesItselfWithSubmissionDefaults() {
        assertThat(notifier.descriptor().type()).isEqualTo("email");
        assertThat(notifier.descriptor().config().fields()).extracting(ConfigField::name).containsExactly(
                "host", "port", "username", "password", "from", "to", "starttls", "ssl");
        Config defaults = Config.of(notifier.descriptor().config(), Map.of());
        assertThat(defaults.integer("port", 0)).isEqualTo(587);
        assertThat(defaults.bool("starttls", false)).isTrue();
        assertThat(defaults.bool("ssl", true)).isFalse();
        assertThat(notifier.descriptor().config().field("password").orElseThrow().secret()).isTrue();
        assertThat(plainSmtp(Map.of()).toString()).doesNotContain(PASSWORD);
    }

    /** A dynamic port, and time to start on a busy machine (setting up TLS takes GreenMail a while). */
    private static ServerSetup patient(ServerSetup setup) {
        ServerSetup copy = setup.dynamicPort();
        copy.setServerStartupTimeout(15_000);
        return copy;
    }

    private Config plainSmtp(Map<String, Object> overrides) {
        return target(MAIL.getSmtp().getPort(), false, overrides);
    }

    private Config smtps() {
        return target(MAIL.getSmtps().getPort(), true, Map.of());
    }

    private static Config target(int port, boolean ssl, Map<String, Object> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("host", "127.0.0.1");
        values.put("port", port);
        values.put("username", "arus");
        values.put("password", PASSWORD);
        values.put("from", "Arus <arus@example.com>");
        values.put("to", "ops@example.com, On Call <oncall@example.org>");
        values.put("starttls", false);
        values.put("ssl", ssl);
        values.putAll(overrides);
        try {
            return EmailNotifier.SPEC.resolve(values);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Address[] recipients(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String normalized(Object content) throws IOException {
        return content.toString().replace("\r\n", "\n");
    }

    private static String traceOf(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}

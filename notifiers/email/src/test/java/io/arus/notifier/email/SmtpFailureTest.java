package io.arus.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.config.Config;
import io.arus.api.notify.NotificationException;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** Replies GreenMail never gives: a server that defers, or refuses a recipient. */
class SmtpFailureTest {
    private static final String PASSWORD = "pa55-w0rd-never-shown";

    @Test
    void aTemporaryReplyIsRetryable() throws Exception {
        MessagingException deferred = new SMTPSendFailedException("DATA", 451,
                "451 4.3.0 Mail server temporarily rejected message", null, new Address[0], new Address[0],
                new Address[0]);

        NotificationException failure = SmtpFailure.of(target(), deferred);

        assertThat(failure.isRetryable()).isTrue();
        assertThat(failure.getMessage()).isEqualTo("SMTP server smtp.example.com:587 refused the message (SMTP 451): "
                + "451 4.3.0 Mail server temporarily rejected message");
    }

    @Test
    void aRefusedRecipientIsPermanent() throws Exception {
        InternetAddress nobody = new InternetAddress("nobody@example.com");
        SMTPAddressFailedException unknown = new SMTPAddressFailedException(nobody, "RCPT TO:<nobody@example.com>",
                550, "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown");
        MessagingException sendFailed = new SendFailedException("Invalid Addresses", unknown, new Address[0],
                new Address[0], new Address[] {nobody});

        NotificationException failure = SmtpFailure.of(target(), sendFailed);

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).contains("(SMTP 550)");
    }

    @Test
    void aServerEchoingThePasswordHasItRedacted() throws Exception {
        MessagingException echo = new MessagingException("protocol error near '" + PASSWORD + "'");

        NotificationException failure = SmtpFailure.of(target(), echo);

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).doesNotContain(PASSWORD).contains("******");
        assertThat(failure.getCause().getMessage()).doesNotContain(PASSWORD);
    }

    private static EmailTarget target() throws Exception {
        Config config = EmailNotifier.SPEC.resolve(Map.of("host", "smtp.example.com", "username", "arus",
                "password", PASSWORD, "from", "arus@example.com", "to", "ops@example.com"));
        return EmailTarget.from(config);
    }
}

package io.arus.notifier.email;

import io.arus.api.notify.NotificationException;
import io.arus.notifier.base.DeliveryFailure;
import io.arus.notifier.base.Redactor;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.List;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Classifies what Jakarta Mail threw. A 4xx SMTP reply and a connection that failed or timed out are retryable;
 * rejected credentials, a 5xx reply, a failed TLS handshake and a server without the required STARTTLS are
 * permanent: trying again will not help until the target is fixed.
 */
final class SmtpFailure {
    private SmtpFailure() {
    }

    static NotificationException of(EmailTarget target, MessagingException failure) {
        Redactor redactor = new Redactor(List.of(target.password() == null ? "" : target.password()));
        String server = target.safeName();
        if (failure instanceof AuthenticationFailedException) {
            return new NotificationException(server + " rejected the username or password: "
                    + redactor.describe(failure), false, redactor.sanitize(failure));
        }
        Integer reply = replyCode(failure);
        if (reply != null) {
            return new NotificationException(server + " refused the message (SMTP " + reply + "): "
                    + redactor.redact(failure.getMessage()), reply >= 400 && reply < 500, redactor.sanitize(failure));
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return new NotificationException("TLS with " + server + " failed (is the certificate trusted and the "
                    + "port right?): " + redactor.describe(tls), false, redactor.sanitize(failure));
        }
        IOException io = find(failure, IOException.class);
        if (io != null) {
            return DeliveryFailure.unreachable(server, io, redactor);
        }
        return new NotificationException(server + ": " + redactor.describe(failure), false,
                redactor.sanitize(failure));
    }

    /** The server's reply code, from the first SMTP exception in the chain. */
    private static Integer replyCode(MessagingException failure) {
        SMTPSendFailedException send = find(failure, SMTPSendFailedException.class);
        if (send != null) {
            return send.getReturnCode();
        }
        SMTPAddressFailedException address = find(failure, SMTPAddressFailedException.class);
        return address == null ? null : address.getReturnCode();
    }

    /** Jakarta Mail chains through both getCause and getNextException; this walks both. */
    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable link = failure; link != null; link = next(link)) {
            if (type.isInstance(link)) {
                return type.cast(link);
            }
        }
        return null;
    }

    private static Throwable next(Throwable link) {
        Throwable next = link instanceof MessagingException messaging && messaging.getNextException() != null
                ? messaging.getNextException() : link.getCause();
        return next == link ? null : next;
    }
}

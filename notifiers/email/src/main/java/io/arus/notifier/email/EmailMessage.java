package io.arus.notifier.email;

import io.arus.notifier.base.HtmlText;
import io.arus.notifier.base.RunSummary;
import io.arus.notifier.base.RunSummary.Fact;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * The e-mail: subject {@code [Arus] pipeline orders failed}, a plain-text body with the facts, the error and the
 * link, and the same as an HTML alternative for clients that show it.
 */
final class EmailMessage {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private EmailMessage() {
    }

    static MimeMessage of(Session session, EmailTarget target, RunSummary summary) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(target.from());
        message.setRecipients(Message.RecipientType.TO, target.to().toArray(InternetAddress[]::new));
        message.setSubject(summary.subject(), UTF_8);
        message.setSentDate(new Date());
        message.setHeader("X-Arus-Event", summary.notification().event().id());

        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(summary.plainText(), UTF_8);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(summary), UTF_8, "html");
        // the richest part last: clients show the last alternative they understand
        message.setContent(new MimeMultipart("alternative", plain, html));
        return message;
    }

    static String html(RunSummary summary) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n");
        html.append("<h2 style=\"color: ").append(summary.severity().color()).append("\">")
                .append(HtmlText.escape(summary.headline())).append("</h2>\n<table>\n");
        for (Fact fact : summary.facts()) {
            html.append("<tr><th align=\"left\">").append(HtmlText.escape(fact.label())).append("</th><td>")
                    .append(HtmlText.escape(fact.value())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        summary.error().ifPresent(error -> html.append("<h3>Error</h3>\n<pre>").append(HtmlText.escape(error))
                .append("</pre>\n"));
        summary.link().ifPresent(link -> html.append("<p><a href=\"").append(HtmlText.escapeAttribute(link))
                .append("\">Open the run</a></p>\n"));
        return html.append("</body></html>\n").toString();
    }
}

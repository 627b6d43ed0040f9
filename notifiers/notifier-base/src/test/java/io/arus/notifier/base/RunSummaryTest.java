package io.arus.notifier.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.arus.api.notify.Notification;
import io.arus.notifier.base.RunSummary.Fact;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
    @Test
    void saysWhichPipelineFailedInTheHeadlineAndSubject() {
        RunSummary summary = RunSummary.of(SampleNotifications.failedRun());

        assertThat(summary.headline()).isEqualTo("Pipeline orders failed");
        assertThat(summary.subject()).isEqualTo("[Arus] pipeline orders failed");
        assertThat(summary.severity()).isEqualTo(Severity.FAILURE);
    }

    @Test
    void listsPipelineRunStatusRowsAndTime() {
        assertThat(RunSummary.of(SampleNotifications.failedRun()).facts()).containsExactly(
                new Fact("Pipeline", "orders (p-42)"),
                new Fact("Run", "run-7"),
                new Fact("Status", "failed"),
                new Fact("Rows", "read 1,200 · written 1,190 · rejected 10"),
                new Fact("Occurred at", "2025-03-14T09:26:53Z"));
    }

    @Test
    void leavesOutWhatAnEventOutsideARunDoesNotHave() {
        RunSummary summary = RunSummary.of(SampleNotifications.schemaChanged());

        assertThat(summary.facts()).extracting(Fact::label).containsExactly("Pipeline", "Occurred at");
        assertThat(summary.error()).isEmpty();
        assertThat(summary.link()).isEmpty();
        assertThat(summary.severity()).isEqualTo(Severity.WARNING);
        assertThat(summary.headline()).isEqualTo("Pipeline orders saw a source schema change");
    }

    @Test
    void namesEveryEvent() {
        for (Notification.Event event : Notification.Event.values()) {
            Notification notification = new Notification(event, "p", "p", null, null, null, null, null,
                    SampleNotifications.OCCURRED_AT);
            assertThat(RunSummary.of(notification).outcome()).as(event.name()).isNotBlank();
        }
    }

    @Test
    void aChangeStreamBehindItsLogIsAWarningThatSaysWhichStreamAndHowFar() {
        Notification lag = new Notification(Notification.Event.CDC_LAG, "p-42", "orders", "run-7", null, null,
                "public.orders: 412 s behind the source (3.2 GB of log), over the alert threshold of 300 s", null,
                SampleNotifications.OCCURRED_AT);

        RunSummary summary = RunSummary.of(lag);

        assertThat(summary.severity()).isEqualTo(Severity.WARNING);
        assertThat(summary.headline()).isEqualTo("Pipeline orders fell behind its change log");
        assertThat(summary.plainText()).contains("public.orders: 412 s behind the source");
        assertThat(Notification.Event.CDC_LAG.id()).isEqualTo("cdc_lag");
    }

    @Test
    void dropsALinkThatIsNotAWebUrl() {
        for (String link : new String[] {"javascript:alert(1)", "/runs/7", "not a url", "ftp://x/y"}) {
            Notification notification = new Notification(Notification.Event.RUN_FAILED, "p", "p", "r", "failed",
                    null, null, link, SampleNotifications.OCCURRED_AT);
            assertThat(RunSummary.of(notification).link()).as(link).isEmpty();
        }
        assertThat(RunSummary.of(SampleNotifications.failedRun()).link()).contains(SampleNotifications.LINK);
    }

    @Test
    void writesPlainTextWithFactsErrorAndLink() {
        String text = RunSummary.of(SampleNotifications.failedRun()).plainText();

        assertThat(text).startsWith("Pipeline orders failed\n\nPipeline: orders (p-42)\nRun: run-7\nStatus: failed\n")
                .contains("\nError:\nrelation \"public.orders\" does not exist <at> line 1 & col 15\n"
                        + "\tat step 'load'\n")
                .endsWith("\nOpen the run: " + SampleNotifications.LINK + "\n");
    }

    @Test
    void clipsLongTextToTheLimitAndMarksTheCut() {
        assertThat(RunSummary.clip("short", 10)).isEqualTo("short");
        assertThat(RunSummary.clip("0123456789abcdef", 10)).isEqualTo("01234567 …").hasSize(10);
        // an emoji is two chars: cutting between them would send half a character
        assertThat(RunSummary.clip("1234567🚀🚀🚀", 10)).isEqualTo("1234567 …");
    }
}

package io.arus.core.shell.internal;

import io.arus.core.engine.DeadLetterReplay;
import io.arus.core.service.DeadLetterService;
import io.arus.core.store.DeadLetter;
import java.util.Arrays;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Dead letters in the shell: list a run's, replay them once the cause is fixed (editors). */
@Component(service = DeadLetterCommands.class, property = {
    "osgi.command.scope=arus",
    "osgi.command.function=deadletters",
    "osgi.command.function=replay"
})
public final class DeadLetterCommands {
    private final ShellLogins logins;
    private final DeadLetterService deadLetters;

    @Activate
    public DeadLetterCommands(@Reference ShellLogins logins, @Reference DeadLetterService deadLetters) {
        this.logins = logins;
        this.deadLetters = deadLetters;
    }

    @Descriptor("list the rows a run's destination or transforms refused, with the reason (GET /api/dead-letters)")
    public String deadLetters(CommandSession session,
                              @Descriptor("how many, 1 to 1000 (100)") @Parameter(names = "--limit", absentValue = "100")
                              int limit,
                              @Descriptor("skip this many (0)") @Parameter(names = "--offset", absentValue = "0") int offset,
                              @Descriptor("run id") String runId) {
        logins.actor(session);
        List<DeadLetter> letters = deadLetters.list(runId, limit, offset);
        TextTable table = new TextTable("ID", "STREAM", "REASON", "CREATED", "REPLAYED");
        for (DeadLetter letter : letters) {
            table.row(letter.id(), letter.stream(), letter.reason(), letter.createdAt(),
                    letter.replayedAt() == null ? "waiting" : letter.replayedAt());
        }
        return table.toString() + letters.size() + " dead letter" + (letters.size() == 1 ? "" : "s") + "\n";
    }

    @Descriptor("write dead letters again: every waiting one of a run (--run), or the ones named; those that land are "
            + "marked replayed (POST /api/dead-letters/replay)")
    public String replay(CommandSession session,
                         @Descriptor("replay every waiting dead letter of this run") @Parameter(names = "--run", absentValue = "")
                         String runId,
                         @Descriptor("dead letter ids") String... ids) {
        DeadLetterService.Replayed result = deadLetters.replay(logins.actor(session), runId.isEmpty() ? null : runId,
                ids.length == 0 ? null : Arrays.asList(ids));
        TextTable table = new TextTable("ID", "REPLAYED", "REASON");
        for (DeadLetterReplay.Outcome outcome : result.results()) {
            table.row(outcome.id(), outcome.replayed(), outcome.reason());
        }
        return table.toString() + result.replayed() + " replayed, " + result.failed() + " refused again\n";
    }
}

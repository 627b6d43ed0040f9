package io.arus.core.shell.internal;

import io.arus.core.gitops.ApplyPlan;
import io.arus.core.gitops.InvalidDocumentException;
import io.arus.core.gitops.PipelinesAsCode;
import io.arus.core.service.Actor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Pipelines as code in the shell: {@code arus:export}, {@code arus:apply} and {@code arus:pipelineyaml}, through
 * {@link PipelinesAsCode} as the session's actor (editors).
 */
@Component(service = CodeCommands.class, property = {
    "osgi.command.scope=arus",
    "osgi.command.function=export",
    "osgi.command.function=apply",
    "osgi.command.function=pipelineyaml"
})
public final class CodeCommands {
    private final ShellLogins logins;
    private final PipelinesAsCode code;

    @Activate
    public CodeCommands(@Reference ShellLogins logins, @Reference PipelinesAsCode code) {
        this.logins = logins;
        this.code = code;
    }

    @Descriptor("print (or write to --out) the YAML of everything, or of the named pipelines and what they use; "
            + "secrets as references, never values (GET /api/export)")
    public String export(CommandSession session,
                         @Descriptor("write to this file instead") @Parameter(names = "--out", absentValue = "") String out,
                         @Descriptor("pipeline names, or nothing for all") String... pipelines)
            throws InvalidDocumentException {
        String yaml = code.export(logins.actor(session), new LinkedHashSet<>(Arrays.asList(pipelines)));
        if (out.isEmpty()) {
            return yaml;
        }
        try {
            Files.writeString(Path.of(out), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return "exported to " + Path.of(out).toAbsolutePath() + "\n";
    }

    @Descriptor("show one pipeline as pipelines-as-code YAML, with what it uses (GET /api/export?pipelines=NAME)")
    public String pipelineYaml(CommandSession session, @Descriptor("pipeline name") String pipeline)
            throws InvalidDocumentException {
        return code.export(logins.actor(session), java.util.Set.of(pipeline));
    }

    @Descriptor("make the stored state what a YAML file says, all or nothing; --dry-run shows the plan and changes "
            + "nothing; --prune also deletes what the file does not name (POST /api/apply)")
    public String apply(CommandSession session,
                        @Descriptor("show the plan, change nothing") @Parameter(names = "--dry-run", presentValue = "true",
                                absentValue = "false") boolean dryRun,
                        @Descriptor("delete what the file does not name") @Parameter(names = "--prune", presentValue = "true",
                                absentValue = "false") boolean prune,
                        @Descriptor("the YAML file") String file) {
        Actor actor = logins.actor(session);
        String yaml = ShellYaml.readText(file);
        ApplyPlan plan;
        try {
            plan = dryRun ? code.plan(actor, yaml, prune) : code.apply(actor, yaml, prune);
        } catch (InvalidDocumentException e) {
            throw new IllegalArgumentException(file + (e.line() > 0 ? ":" + e.line() : "")
                    + (e.field() == null ? "" : " " + e.field()) + ": " + e.getMessage() + "; nothing was changed", e);
        }
        TextTable table = new TextTable("ACTION", "KIND", "NAME", "FIELDS");
        for (ApplyPlan.Change change : plan.changes()) {
            table.row(change.action().name().toLowerCase(java.util.Locale.ROOT), change.kind(), change.name(),
                    String.join(", ", change.fields()));
        }
        String head = plan.isEmpty() ? "no change\n" : table.toString();
        return head + (dryRun ? "plan: " : "applied: ") + plan.summary() + "\n";
    }
}

package io.arus.core.shell.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arus.core.model.ModelReader;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.platform.PluginKind;
import io.arus.core.service.Actor;
import io.arus.core.service.NotificationTargetService;
import io.arus.core.service.SavedNotificationTarget;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Notification targets in the shell: list, show (secrets masked as the API masks them), create from a YAML file or
 * flags, send a test notification, delete. Through {@link NotificationTargetService}, as the session's actor.
 */
@Component(service = TargetCommands.class, property = {
    "osgi.command.scope=arus",
    "osgi.command.function=targets",
    "osgi.command.function=target",
    "osgi.command.function=targetcreate",
    "osgi.command.function=targettest",
    "osgi.command.function=targetdelete"
})
public final class TargetCommands {
    private final ShellLogins logins;
    private final NotificationTargetService targets;
    private final PluginCatalog catalog;

    @Activate
    public TargetCommands(@Reference ShellLogins logins, @Reference NotificationTargetService targets,
                          @Reference PluginCatalog catalog) {
        this.logins = logins;
        this.targets = targets;
        this.catalog = catalog;
    }

    @Descriptor("list the notification targets with the pipelines that notify them (GET /api/notification-targets)")
    public String targets(CommandSession session) {
        logins.actor(session);
        TextTable table = new TextTable("ID", "NAME", "TYPE", "AVAILABLE", "PIPELINES", "UPDATED");
        List<SavedNotificationTarget> all = targets.list();
        for (SavedNotificationTarget t : all) {
            table.row(t.id(), t.spec().name(), t.spec().type(), t.available(),
                    t.pipelines().stream().map(SavedNotificationTarget.TargetUse::name).collect(Collectors.joining(",")),
                    t.updatedAt());
        }
        return table.toString() + all.size() + " notification target" + (all.size() == 1 ? "" : "s") + "\n";
    }

    @Descriptor("show a notification target, by id or name, as YAML; secrets masked (GET /api/notification-targets/{id})")
    public String target(CommandSession session, @Descriptor("target id or name") String target) {
        logins.actor(session);
        SavedNotificationTarget t = find(target);
        ObjectNode node = ShellYaml.object();
        ShellYaml.put(node, "id", t.id());
        ShellYaml.put(node, "name", t.spec().name());
        ShellYaml.put(node, "type", t.spec().type());
        ShellYaml.put(node, "available", t.available());
        ShellYaml.put(node, "config", t.spec().config());
        ShellYaml.put(node, "pipelines", t.pipelines());
        ShellYaml.put(node, "created_at", t.createdAt());
        ShellYaml.put(node, "updated_at", t.updatedAt());
        return ShellYaml.text(node);
    }

    @Descriptor("create a notification target from a YAML/JSON file ({name, type, config}) or from --name, --type and "
            + "key=value settings (POST /api/notification-targets); prints its id")
    public String targetCreate(CommandSession session,
                               @Descriptor("a YAML or JSON file") @Parameter(names = "--file", absentValue = "") String file,
                               @Descriptor("its name") @Parameter(names = "--name", absentValue = "") String name,
                               @Descriptor("its notifier type (arus:notifiers)") @Parameter(names = "--type", absentValue = "")
                               String type,
                               @Descriptor("settings as key=value (a secret may be ${env:NAME} or ${file:/path})")
                               String... settings) {
        Actor actor = logins.actor(session);
        SavedNotificationTarget created = targets.create(actor, ModelReader.notificationTarget(
                ConfigFlags.definition(catalog, PluginKind.NOTIFIER, file, name, type, settings)));
        return "notification target " + created.spec().name() + " created: " + created.id() + "\n";
    }

    @Descriptor("send a test notification to a stored target (POST /api/notification-targets/{id}/test)")
    public String targetTest(CommandSession session, @Descriptor("target id or name") String target) {
        Actor actor = logins.actor(session);
        String failure = targets.test(actor, find(target).id());
        return failure == null ? "delivered\n" : "not delivered: " + failure + "\n";
    }

    @Descriptor("delete a notification target and every pipeline's subscription to it "
            + "(DELETE /api/notification-targets/{id})")
    public String targetDelete(CommandSession session, @Descriptor("target id or name") String target) {
        Actor actor = logins.actor(session);
        SavedNotificationTarget t = find(target);
        targets.delete(actor, t.id());
        return "notification target " + t.spec().name() + " deleted\n";
    }

    private SavedNotificationTarget find(String idOrName) {
        return targets.byName(idOrName).orElseGet(() -> targets.get(idOrName));
    }
}

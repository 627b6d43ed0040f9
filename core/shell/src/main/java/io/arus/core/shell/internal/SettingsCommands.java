package io.arus.core.shell.internal;

import io.arus.core.service.SettingsService;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Server settings in the shell: everyone reads, admins change (through {@link SettingsService}). */
@Component(service = SettingsCommands.class, property = {
    "osgi.command.scope=arus",
    "osgi.command.function=settings",
    "osgi.command.function=setting",
    "osgi.command.function=settingset"
})
public final class SettingsCommands {
    private final ShellLogins logins;
    private final SettingsService settings;

    @Activate
    public SettingsCommands(@Reference ShellLogins logins, @Reference SettingsService settings) {
        this.logins = logins;
        this.settings = settings;
    }

    @Descriptor("list the stored settings (GET /api/settings)")
    public String settings(CommandSession session) {
        logins.actor(session);
        Map<String, String> all = settings.all();
        TextTable table = new TextTable("KEY", "VALUE");
        all.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> table.row(e.getKey(), e.getValue()));
        return table.toString() + all.size() + " setting" + (all.size() == 1 ? "" : "s") + "\n";
    }

    @Descriptor("print one setting's stored value (GET /api/settings)")
    public String setting(CommandSession session, @Descriptor("key") String key) {
        logins.actor(session);
        return settings.get(key).map(v -> v + "\n")
                .orElseThrow(() -> new io.arus.core.service.NotFoundException("no setting " + key));
    }

    @Descriptor("set a setting; admins only (PUT /api/settings)")
    public String settingSet(CommandSession session, @Descriptor("key: lower case, digits, '.', '_'") String key,
                             @Descriptor("value, at most 10000 characters") String value) {
        settings.update(logins.actor(session), Map.of(key, value));
        return key + " = " + value + "\n";
    }
}

package io.arus.core.shell.internal;

import io.arus.api.connector.Capability;
import io.arus.core.platform.PluginBundle;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.platform.PluginInventory;
import io.arus.core.platform.PluginKind;
import io.arus.core.platform.PluginType;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code arus:*} Gogo commands. Each prints, as a table, what the matching REST endpoint returns, read from
 * the same services.
 */
@Component(service = ArusCommands.class, property = {
    "osgi.command.scope=arus",
    "osgi.command.function=connectors",
    "osgi.command.function=transforms",
    "osgi.command.function=notifiers",
    "osgi.command.function=plugins"
})
public final class ArusCommands {
    private final PluginCatalog catalog;
    private final PluginInventory inventory;

    @Activate
    public ArusCommands(@Reference PluginCatalog catalog, @Reference PluginInventory inventory) {
        this.catalog = catalog;
        this.inventory = inventory;
    }

    @Descriptor("list the connector types (GET /api/connectors)")
    public String connectors() {
        return types(PluginKind.CONNECTOR);
    }

    @Descriptor("list the transform types (GET /api/transforms)")
    public String transforms() {
        return types(PluginKind.TRANSFORM);
    }

    @Descriptor("list the notifier types (GET /api/notifiers)")
    public String notifiers() {
        return types(PluginKind.NOTIFIER);
    }

    @Descriptor("list bundles and drop-in plugins with their state and failures (GET /api/plugins)")
    public String plugins() {
        TextTable table = new TextTable("ID", "STATE", "BUNDLE", "VERSION", "DROP-IN", "PROVIDES", "ERROR");
        for (PluginBundle bundle : inventory.bundles()) {
            table.row(bundle.id() < 0 ? "-" : bundle.id(), bundle.failed() ? bundle.state() + " (failed)" : bundle.state(),
                    bundle.symbolicName(), bundle.version(), bundle.dropin() ? bundle.file() : "",
                    String.join(" ", bundle.services()), bundle.error());
        }
        return table + "drop-in folder: " + inventory.dropinFolder() + "\n";
    }

    private String types(PluginKind kind) {
        TextTable table = new TextTable("TYPE", "NAME", "VERSION", "CAPABILITIES", "CONFIG FIELDS", "BUNDLE");
        for (PluginType type : catalog.types(kind)) {
            String capabilities = type.capabilities().stream().sorted().map(Capability::id).collect(Collectors.joining(","));
            String fields = type.descriptor().config().fields().stream()
                    .map(f -> f.name() + (f.required() ? "*" : "")).collect(Collectors.joining(","));
            table.row(type.type(), type.descriptor().name(), type.descriptor().version(), capabilities, fields, type.bundle());
        }
        int count = catalog.types(kind).size();
        return table.toString() + count + " " + kind.id() + " type" + (count == 1 ? "" : "s") + "\n";
    }
}

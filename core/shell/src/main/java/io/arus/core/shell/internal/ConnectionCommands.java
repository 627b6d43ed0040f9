package io.arus.core.shell.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arus.api.connector.StreamDescriptor;
import io.arus.core.model.ModelReader;
import io.arus.core.platform.PluginCatalog;
import io.arus.core.platform.PluginKind;
import io.arus.core.service.Actor;
import io.arus.core.service.ConnectionService;
import io.arus.core.service.ConnectionTestResult;
import io.arus.core.service.SavedConnection;
import io.arus.core.store.ConnectionKind;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Sources and destinations in the shell: list, show (secrets masked as the API masks them), create from a YAML file
 * or flags, test, delete, and a source's streams. Through {@link ConnectionService}, as the session's actor.
 */
@Component(service = ConnectionCommands.class, property = {
    "osgi.command.scope=arus",
    "osgi.command.function=sources",
    "osgi.command.function=source",
    "osgi.command.function=sourcecreate",
    "osgi.command.function=sourcetest",
    "osgi.command.function=sourcedelete",
    "osgi.command.function=sourcestreams",
    "osgi.command.function=destinations",
    "osgi.command.function=destination",
    "osgi.command.function=destinationcreate",
    "osgi.command.function=destinationtest",
    "osgi.command.function=destinationdelete"
})
public final class ConnectionCommands {
    private final ShellLogins logins;
    private final ConnectionService connections;
    private final PluginCatalog catalog;

    @Activate
    public ConnectionCommands(@Reference ShellLogins logins, @Reference ConnectionService connections,
                              @Reference PluginCatalog catalog) {
        this.logins = logins;
        this.connections = connections;
        this.catalog = catalog;
    }

    @Descriptor("list the sources (GET /api/sources)")
    public String sources(CommandSession session) {
        return list(session, ConnectionKind.SOURCE);
    }

    @Descriptor("show a source, by id or name, as YAML; secrets masked (GET /api/sources/{id})")
    public String source(CommandSession session, @Descriptor("source id or name") String source) {
        return show(session, ConnectionKind.SOURCE, source);
    }

    @Descriptor("create a source from a YAML/JSON file ({name, type, config}) or from --name, --type and key=value "
            + "settings (POST /api/sources); prints its id")
    public String sourceCreate(CommandSession session,
                               @Descriptor("a YAML or JSON file") @Parameter(names = "--file", absentValue = "") String file,
                               @Descriptor("its name") @Parameter(names = "--name", absentValue = "") String name,
                               @Descriptor("its connector type (arus:connectors)") @Parameter(names = "--type", absentValue = "")
                               String type,
                               @Descriptor("settings as key=value (a secret may be ${env:NAME} or ${file:/path})")
                               String... settings) {
        return create(session, ConnectionKind.SOURCE, file, name, type, settings);
    }

    @Descriptor("test a stored source's connection (POST /api/sources/{id}/test)")
    public String sourceTest(CommandSession session, @Descriptor("source id or name") String source) {
        return test(session, ConnectionKind.SOURCE, source);
    }

    @Descriptor("delete a source no pipeline uses (DELETE /api/sources/{id})")
    public String sourceDelete(CommandSession session, @Descriptor("source id or name") String source) {
        return delete(session, ConnectionKind.SOURCE, source);
    }

    @Descriptor("list the streams a source offers, with key and cursor candidates (GET /api/sources/{id}/streams)")
    public String sourceStreams(CommandSession session, @Descriptor("source id or name") String source) {
        Actor actor = logins.actor(session);
        List<StreamDescriptor> streams = connections.discover(actor, find(ConnectionKind.SOURCE, source).id());
        TextTable table = new TextTable("STREAM", "PRIMARY KEY", "CURSOR CANDIDATES", "ROWS (EST.)");
        for (StreamDescriptor stream : streams) {
            table.row(stream.id(), String.join(",", stream.primaryKey()), String.join(",", stream.cursorCandidates()),
                    stream.rowEstimate());
        }
        return table.toString() + streams.size() + " stream" + (streams.size() == 1 ? "" : "s") + "\n";
    }

    @Descriptor("list the destinations (GET /api/destinations)")
    public String destinations(CommandSession session) {
        return list(session, ConnectionKind.DESTINATION);
    }

    @Descriptor("show a destination, by id or name, as YAML; secrets masked (GET /api/destinations/{id})")
    public String destination(CommandSession session, @Descriptor("destination id or name") String destination) {
        return show(session, ConnectionKind.DESTINATION, destination);
    }

    @Descriptor("create a destination from a YAML/JSON file ({name, type, config}) or from --name, --type and key=value "
            + "settings (POST /api/destinations); prints its id")
    public String destinationCreate(CommandSession session,
                                    @Descriptor("a YAML or JSON file") @Parameter(names = "--file", absentValue = "") String file,
                                    @Descriptor("its name") @Parameter(names = "--name", absentValue = "") String name,
                                    @Descriptor("its connector type (arus:connectors)")
                                    @Parameter(names = "--type", absentValue = "") String type,
                                    @Descriptor("settings as key=value (a secret may be ${env:NAME} or ${file:/path})")
                                    String... settings) {
        return create(session, ConnectionKind.DESTINATION, file, name, type, settings);
    }

    @Descriptor("test a stored destination's connection (POST /api/destinations/{id}/test)")
    public String destinationTest(CommandSession session, @Descriptor("destination id or name") String destination) {
        return test(session, ConnectionKind.DESTINATION, destination);
    }

    @Descriptor("delete a destination no pipeline uses (DELETE /api/destinations/{id})")
    public String destinationDelete(CommandSession session, @Descriptor("destination id or name") String destination) {
        return delete(session, ConnectionKind.DESTINATION, destination);
    }

    private String list(CommandSession session, ConnectionKind kind) {
        logins.actor(session);
        TextTable table = new TextTable("ID", "NAME", "TYPE", "AVAILABLE", "CREATED BY", "UPDATED");
        List<SavedConnection> all = connections.list(kind);
        for (SavedConnection c : all) {
            table.row(c.id(), c.spec().name(), c.spec().type(), c.available(), c.createdBy(), c.updatedAt());
        }
        return table.toString() + all.size() + " " + kind.id() + (all.size() == 1 ? "" : "s") + "\n";
    }

    private String show(CommandSession session, ConnectionKind kind, String idOrName) {
        logins.actor(session);
        SavedConnection c = find(kind, idOrName);
        ObjectNode node = ShellYaml.object();
        ShellYaml.put(node, "id", c.id());
        ShellYaml.put(node, "name", c.spec().name());
        ShellYaml.put(node, "type", c.spec().type());
        ShellYaml.put(node, "available", c.available());
        ShellYaml.put(node, "created_by", c.createdBy());
        ShellYaml.put(node, "created_at", c.createdAt());
        ShellYaml.put(node, "updated_at", c.updatedAt());
        ShellYaml.put(node, "config", c.spec().config());
        return ShellYaml.text(node);
    }

    private String create(CommandSession session, ConnectionKind kind, String file, String name, String type,
                          String[] settings) {
        Actor actor = logins.actor(session);
        SavedConnection created = connections.create(actor, kind, ModelReader.connection(
                ConfigFlags.definition(catalog, PluginKind.CONNECTOR, file, name, type, settings)));
        return kind.id() + " " + created.spec().name() + " created: " + created.id() + "\n";
    }

    private String test(CommandSession session, ConnectionKind kind, String idOrName) {
        Actor actor = logins.actor(session);
        SavedConnection c = find(kind, idOrName);
        ConnectionTestResult result = connections.test(actor, kind, c.id());
        return (result.ok() ? "ok" : "failed") + " (" + result.latencyMs() + " ms)"
                + (result.message() == null || result.message().isEmpty() ? "" : ": " + result.message()) + "\n";
    }

    private String delete(CommandSession session, ConnectionKind kind, String idOrName) {
        Actor actor = logins.actor(session);
        SavedConnection c = find(kind, idOrName);
        connections.delete(actor, kind, c.id());
        return kind.id() + " " + c.spec().name() + " deleted\n";
    }

    private SavedConnection find(ConnectionKind kind, String idOrName) {
        return connections.byName(kind, idOrName).orElseGet(() -> connections.get(kind, idOrName));
    }
}

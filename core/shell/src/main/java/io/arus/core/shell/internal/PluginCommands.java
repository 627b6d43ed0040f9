package io.arus.core.shell.internal;

import io.arus.core.platform.PluginBundle;
import io.arus.core.service.PluginService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Installing and uninstalling drop-in plugins from the shell (admins), through {@link PluginService}. Only files on
 * this machine are installed: a path or a {@code file:} URL. The server does not download plugins from the network:
 * a plugin runs with the server's rights, so the JAR should be fetched and checked by a person first, and a server
 * that fetches URLs given to it can be made to reach addresses only it can reach.
 */
@Component(service = PluginCommands.class, property = {
    "osgi.command.scope=arus",
    "osgi.command.function=plugininstall",
    "osgi.command.function=pluginuninstall"
})
public final class PluginCommands {
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    private final ShellLogins logins;
    private final PluginService plugins;

    @Activate
    public PluginCommands(@Reference ShellLogins logins, @Reference PluginService plugins) {
        this.logins = logins;
        this.plugins = plugins;
    }

    @Descriptor("install a plugin JAR from this machine (a path or a file: URL; no remote URLs) into the drop-in "
            + "folder, replacing one of the same file name; admins only (POST /api/plugins)")
    public String pluginInstall(CommandSession session, @Descriptor("path or file: URL of the JAR") String location) {
        var actor = logins.actor(session);
        Path jar = path(location);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no such file: " + jar.toAbsolutePath());
        }
        PluginService.InstalledPlugin installed;
        try (InputStream in = Files.newInputStream(jar)) {
            installed = plugins.install(actor, jar.getFileName().toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return (installed.replaced() ? "replaced " : "installed ") + installed.file() + " (" + installed.bytes()
                + " bytes, sha256 " + installed.sha256() + "); the drop-in watcher starts it within a second (arus:plugins)\n";
    }

    @Descriptor("uninstall a drop-in plugin by bundle id or file name: its file is deleted and its bundle removed; "
            + "admins only (DELETE /api/plugins/{id})")
    public String pluginUninstall(CommandSession session, @Descriptor("bundle id or drop-in file name") String id) {
        PluginBundle removed = plugins.uninstall(logins.actor(session), id);
        return "uninstalled " + removed.symbolicName() + " (" + removed.file() + ")\n";
    }

    private static Path path(String location) {
        if (location.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                return Path.of(URI.create(location));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a file URL: " + e.getMessage());
            }
        }
        if (SCHEME.matcher(location).matches()) {
            throw new IllegalArgumentException("only a path or a file: URL on this machine can be installed; the server "
                    + "downloads no plugins (fetch and check the JAR, then install the file)");
        }
        return Path.of(location);
    }
}

package io.arus.core.service.internal;

import io.arus.core.platform.DropinWatcher;
import io.arus.core.platform.PluginBundle;
import io.arus.core.platform.PluginBusyException;
import io.arus.core.platform.PluginInventory;
import io.arus.core.service.Actor;
import io.arus.core.service.ConflictException;
import io.arus.core.service.NotFoundException;
import io.arus.core.service.PluginService;
import io.arus.core.store.AuditLog;
import io.arus.core.store.Role;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link PluginService} over the drop-in folder: a JAR is written the way the README asks a user to, under a
 * temporary name the watcher ignores (it only picks up {@code *.jar}), then renamed.
 */
@Component(service = PluginService.class)
public final class DropinPlugins implements PluginService {
    /** The field every problem with a plugin file names. */
    static final String FIELD = "file";
    /** A plain file name: no path, no leading dot (hidden and temporary files), ends in .jar. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,150}\\.jar");

    private final PluginInventory inventory;
    private final DropinWatcher watcher;
    private final AuditLog audit;

    @Activate
    public DropinPlugins(@Reference PluginInventory inventory, @Reference DropinWatcher watcher,
                               @Reference AuditLog audit) {
        this.inventory = inventory;
        this.watcher = watcher;
        this.audit = audit;
    }

    @Override
    public List<PluginBundle> list() {
        return inventory.bundles();
    }

    @Override
    public InstalledPlugin install(Actor actor, String fileName, InputStream content) {
        actor.require(Role.ADMIN);
        String name = safeName(fileName);
        Path folder = inventory.dropinFolder();
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = folder.resolve(".upload-" + UUID.randomUUID() + ".tmp");
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long bytes;
            try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)), sha256)) {
                bytes = copy(content, out);
            }
            if (bytes == 0) {
                throw FieldChecks.invalid(FIELD, "is empty");
            }
            checkBundle(temp);
            Path target = folder.resolve(name);
            InstalledPlugin installed = new InstalledPlugin(name, bytes, HexFormat.of().formatHex(sha256.digest()),
                    Files.exists(target));
            // audited before the file enters the drop-in folder, where the watcher starts it at once
            audit.record(actor.username(), "plugin.upload", "plugin:" + name, bytes + " bytes, sha256 "
                    + installed.sha256() + (installed.replaced() ? ", replaced" : ""), actor.address());
            move(temp, target);
            temp = null;
            return installed;
        } catch (IOException e) {
            throw new UncheckedIOException("the plugin could not be written to the drop-in folder: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a leftover .tmp file is ignored by the watcher
                }
            }
        }
    }

    @Override
    public PluginBundle uninstall(Actor actor, String id) {
        actor.require(Role.ADMIN);
        PluginBundle plugin = find(id).orElseThrow(() -> new NotFoundException("no plugin " + id));
        if (!plugin.dropin() || plugin.file() == null) {
            throw new ConflictException(plugin.symbolicName() + " is part of the server, not a drop-in plugin; it cannot be deleted");
        }
        audit.record(actor.username(), "plugin.delete", "plugin:" + plugin.file(),
                plugin.symbolicName() + (plugin.version().isEmpty() ? "" : " " + plugin.version()), actor.address());
        try {
            if (!watcher.remove(plugin.file())) {
                throw new NotFoundException("the file " + plugin.file() + " is already gone");
            }
        } catch (PluginBusyException e) {
            throw new ConflictException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + plugin.file() + ": " + e.getMessage(), e);
        }
        return plugin;
    }

    /** @return the plain file name, or an error naming {@code file} */
    static String safeName(String filename) {
        if (filename == null || filename.isBlank()) {
            throw FieldChecks.invalid(FIELD, "needs a file name: send multipart/form-data with a \"file\" part, or ?filename=");
        }
        // some clients send the path the file came from
        String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
        if (!SAFE_NAME.matcher(name).matches()) {
            throw FieldChecks.invalid(FIELD, "must be a .jar file with a plain name (letters, digits, '.', '_', '+', '-'): "
                    + (name.length() > 80 ? name.substring(0, 80) + "…" : name));
        }
        return name;
    }

    private Optional<PluginBundle> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        List<PluginBundle> all = inventory.bundles();
        if (id.matches("\\d{1,18}")) {
            long bundleId = Long.parseLong(id);
            return all.stream().filter(p -> p.id() == bundleId).findFirst();
        }
        return all.stream().filter(p -> p.dropin() && id.equals(p.file())).findFirst();
    }

    private static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > MAX_BYTES) {
                throw FieldChecks.invalid(FIELD, "is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    /** A JAR whose manifest makes it an OSGi bundle; anything else would only sit in the folder as a failure. */
    private static void checkBundle(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                throw FieldChecks.invalid(FIELD, "is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
            }
        } catch (IOException | SecurityException e) {
            throw FieldChecks.invalid(FIELD, "is not a JAR file (" + e.getMessage() + ")");
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

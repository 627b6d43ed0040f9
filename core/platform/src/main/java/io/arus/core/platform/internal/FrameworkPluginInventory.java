package io.arus.core.platform.internal;

import io.arus.api.connector.Connector;
import io.arus.api.notify.Notifier;
import io.arus.api.transform.Transform;
import io.arus.core.platform.PluginBundle;
import io.arus.core.platform.PluginInventory;
import io.arus.core.platform.PluginKind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Reads the framework, Declarative Services and the drop-in folder on every call, so the answer is always
 * current (a few dozen bundles: cheap).
 */
@Component(service = PluginInventory.class)
public final class FrameworkPluginInventory implements PluginInventory {
    private static final String[][] TYPE_PROPERTIES = {
        {Connector.TYPE_PROPERTY, PluginKind.CONNECTOR.id()},
        {Transform.TYPE_PROPERTY, PluginKind.TRANSFORM.id()},
        {Notifier.TYPE_PROPERTY, PluginKind.NOTIFIER.id()},
    };

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final WhiteboardPluginCatalog catalog;
    private final SupervisedDropinWatcher watcher;
    private final Path dropinFolder;

    @Activate
    public FrameworkPluginInventory(BundleContext context, @Reference ServiceComponentRuntime scr,
                                    @Reference WhiteboardPluginCatalog catalog, @Reference SupervisedDropinWatcher watcher) {
        this.context = context;
        this.scr = scr;
        this.catalog = catalog;
        this.watcher = watcher;
        this.dropinFolder = watcher.folder();
    }

    @Override
    public Path dropinFolder() {
        return dropinFolder;
    }

    @Override
    public List<PluginBundle> bundles() {
        List<PluginBundle> result = new ArrayList<>();
        Set<Path> installedFiles = new HashSet<>();
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        for (Bundle bundle : context.getBundles()) {
            Path file = fileOf(bundle.getLocation());
            if (file != null) {
                installedFiles.add(file);
            }
            boolean dropin = file != null && dropinFolder.equals(file.getParent());
            try {
                String error = problem(bundle, wiring, dropin ? file : null);
                result.add(new PluginBundle(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getVersion().toString(),
                        state(bundle), bundle.getLocation(), file == null ? null : file.getFileName().toString(), dropin,
                        services(bundle), error != null, error));
            } catch (IllegalArgumentException | IllegalStateException e) {
                // uninstalled while we looked (a drop-in file was just removed): it is simply gone from the list
                if (bundle.getState() != Bundle.UNINSTALLED) {
                    throw e;
                }
            }
        }
        for (Path jar : dropinJars()) {
            if (installedFiles.contains(jar)) {
                continue;
            }
            String refused = watcher.problem(jar);
            String problem = refused != null ? refused : DropinFile.problem(jar);
            result.add(new PluginBundle(-1, jar.getFileName().toString(), "", problem == null ? "pending" : "not_installed",
                    jar.toUri().toString(), jar.getFileName().toString(), true, List.of(), problem != null,
                    problem == null ? "waiting for the drop-in watcher to install it" : problem));
        }
        return result;
    }

    private List<Path> dropinJars() {
        if (!Files.isDirectory(dropinFolder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dropinFolder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .map(f -> f.toAbsolutePath().normalize()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Why a bundle is not working, or null when it is; dropinFile is the file of a drop-in, else null. */
    private String problem(Bundle bundle, FrameworkWiring wiring, Path dropinFile) {
        List<String> reasons = new ArrayList<>();
        String watched = dropinFile == null ? null : watcher.problem(dropinFile);
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        boolean fragment = revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
        int level = bundle.adapt(BundleStartLevel.class).getStartLevel();
        int active = context.getBundle(0).adapt(FrameworkStartLevel.class).getStartLevel();
        if (level > active && !fragment) {
            reasons.add("start level " + level + " is above the framework's active start level " + active);
        } else if (watched != null) {
            // the watcher knows best: an activation that threw, or that did not finish in time
            reasons.add(watched);
        } else if (dropinFile != null && watcher.busy(dropinFile)) {
            // installed but not yet started by the watcher, which is at it: a passing state, not a failure (it
            // becomes one above if the step outlasts the watcher's timeout)
            return null;
        } else if (bundle.getState() == Bundle.INSTALLED && revision != null) {
            reasons.add(unresolvedReason(bundle, revision, wiring));
        } else if (bundle.getState() == Bundle.RESOLVED && dropinFile != null && !fragment) {
            reasons.add("resolved but not started");
        }
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    reasons.add("component " + description.name + " failed to activate: " + firstLine(configuration.failure));
                }
            }
        }
        catalog.problem(bundle.getBundleId()).ifPresent(reasons::add);
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    private static String unresolvedReason(Bundle bundle, BundleRevision revision, FrameworkWiring wiring) {
        List<String> missing = new ArrayList<>();
        for (Requirement requirement : revision.getRequirements(null)) {
            if (Namespace.RESOLUTION_OPTIONAL.equals(requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))) {
                continue;
            }
            if (wiring.findProviders(requirement).isEmpty()) {
                String filter = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
                missing.add(requirement.getNamespace() + (filter == null ? "" : " " + filter));
            }
        }
        if (missing.isEmpty()) {
            // every requirement has a provider: resolving is harmless and tells a conflict from a bundle that
            // was simply never started
            return wiring.resolveBundles(List.of(bundle)) ? "resolved but not started"
                    : "cannot be resolved: its requirements exist but conflict (see the server log)";
        }
        return "cannot be resolved: missing requirement" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing);
    }

    private static List<String> services(Bundle bundle) {
        ServiceReference<?>[] refs = bundle.getRegisteredServices();
        if (refs == null) {
            return List.of();
        }
        List<String> services = new ArrayList<>();
        for (ServiceReference<?> ref : refs) {
            for (String[] property : TYPE_PROPERTIES) {
                Object type = ref.getProperty(property[0]);
                if (type != null) {
                    services.add(property[1] + ":" + type);
                }
            }
        }
        services.sort(null);
        return services;
    }

    private static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown cause";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }

    /** The file a bundle was installed from, or null when its location is not a file. */
    static Path fileOf(String location) {
        String path = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        try {
            if (path.startsWith("file:")) {
                return Path.of(URI.create(path)).toAbsolutePath().normalize();
            }
        } catch (IllegalArgumentException e) {
            return Path.of(path.substring("file:".length())).toAbsolutePath().normalize();
        }
        return path.startsWith("/") ? Path.of(path).normalize() : null;
    }
}

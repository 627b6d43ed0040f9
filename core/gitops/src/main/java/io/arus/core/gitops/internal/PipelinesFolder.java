package io.arus.core.gitops.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.arus.core.gitops.ApplyPlan;
import io.arus.core.gitops.ApplyStatus;
import io.arus.core.gitops.InvalidDocumentException;
import io.arus.core.service.Actor;
import io.arus.core.store.Role;
import io.arus.core.store.SettingsStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watched folder: every {@code *.yaml} and {@code *.yml} file in it (not in subfolders, not hidden), together,
 * is the desired state. It is applied at start and after any file is added, changed or removed, once the folder has
 * been still for {@value #QUIET_MS} ms, as the actor {@code gitops}. It prunes only what it created itself: the
 * names of the objects a folder apply created are kept in the setting {@value #OWNED_KEY} (in the metadata
 * database, written in the apply's transaction), and an object is deleted only when it is on that list and no file
 * names it any more; an object made through the API or the console and then named in a file is updated by the
 * folder but never deleted by it. A file with an error changes nothing; the error shows in {@link #status()} and in
 * one warning line of the log.
 */
final class PipelinesFolder implements Runnable {
    static final String OWNED_KEY = "gitops.owned";
    static final long QUIET_MS = 300;
    private static final long POLL_MS = 250;
    private static final long MAX_BYTES = 1024 * 1024;
    private static final Actor GITOPS = new Actor("gitops", Role.EDITOR, "gitops");
    private static final Logger LOG = LoggerFactory.getLogger(PipelinesFolder.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final PipelinesAsCodeService service;
    private final SettingsStore settings;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile ApplyStatus status;

    PipelinesFolder(Path dir, PipelinesAsCodeService service, SettingsStore settings) {
        this.dir = dir.toAbsolutePath();
        this.service = service;
        this.settings = settings;
        this.status = new ApplyStatus(this.dir.toString(), null, List.of(), null);
        this.thread = new Thread(this, "arus-pipelines-folder");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ApplyStatus status() {
        return status;
    }

    @Override
    public void run() {
        Map<String, List<Object>> applied = null;
        Map<String, List<Object>> seen = null;
        long seenAt = 0;
        while (!stopped) {
            Map<String, List<Object>> now = snapshot();
            long time = System.nanoTime();
            if (!now.equals(seen)) {
                seen = now;
                seenAt = time;
            } else if (!now.equals(applied) && (time - seenAt) / 1_000_000 >= QUIET_MS) {
                applied = now;
                applyNow();
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** @return file name to [size, modified time] of each document in the folder; a missing folder is one entry */
    private Map<String, List<Object>> snapshot() {
        Map<String, List<Object>> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(PipelinesFolder::isDocument).forEach(p -> {
                try {
                    files.put(p.getFileName().toString(), List.of(Files.size(p), Files.getLastModifiedTime(p)));
                } catch (IOException e) {
                    files.put(p.getFileName().toString(), List.of(e.toString()));
                }
            });
        } catch (IOException e) {
            files.put("", List.of(e.toString()));
        }
        return files;
    }

    private static boolean isDocument(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml")) && Files.isRegularFile(p);
    }

    /** Reads the folder and applies it; records the outcome. Package-private for tests. */
    void applyNow() {
        Instant at = Instant.now();
        SortedMap<String, String> texts = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list.filter(PipelinesFolder::isDocument).sorted()::iterator) {
                if (Files.size(p) > MAX_BYTES) {
                    fail(at, texts.keySet(), new ApplyStatus.Error(p.getFileName().toString(), 0, 0, null,
                            "the file is larger than 1 MB", at));
                    return;
                }
                texts.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            fail(at, texts.keySet(), new ApplyStatus.Error(null, 0, 0, null, "cannot read the folder: " + e.getMessage(), at));
            return;
        }
        try {
            Map<Kind, Set<String>> owned = owned();
            ApplyPlan plan = service.run(GITOPS, DocumentReader.readAll(texts),
                    (kind, name) -> owned.get(kind).contains(name), true, changes -> remember(owned, changes));
            status = new ApplyStatus(dir.toString(), at, List.copyOf(texts.keySet()), null);
            if (!plan.isEmpty()) {
                LOG.info("pipelines folder {} applied: {}", dir, plan.summary());
            }
        } catch (InvalidDocumentException e) {
            InvalidDocumentException.Violation v = e.violations().get(0);
            fail(at, texts.keySet(), new ApplyStatus.Error(v.file(), v.line(), v.column(), v.field(), e.getMessage(), at));
        } catch (RuntimeException e) {
            fail(at, texts.keySet(), new ApplyStatus.Error(null, 0, 0, null, "not applied: " + e.getMessage(), at));
        }
    }

    private void fail(Instant at, Set<String> files, ApplyStatus.Error error) {
        status = new ApplyStatus(dir.toString(), status.lastAppliedAt(), List.copyOf(files), error);
        LOG.warn("pipelines folder {}: nothing applied: {}", dir, error.message().replace('\n', ' '));
    }

    /** @return the names of the objects earlier folder applies created, by kind */
    private Map<Kind, Set<String>> owned() {
        Map<Kind, Set<String>> owned = new EnumMap<>(Kind.class);
        Kind.ALL.forEach(k -> owned.put(k, new TreeSet<>()));
        String stored = settings.get(OWNED_KEY).orElse(null);
        if (stored != null) {
            try {
                ObjectNode tree = (ObjectNode) JSON.readTree(stored);
                for (Kind kind : Kind.ALL) {
                    tree.path(kind.section()).forEach(n -> owned.get(kind).add(n.asText()));
                }
            } catch (IOException | ClassCastException e) {
                LOG.warn("setting {} is not the folder's list of objects; the folder deletes nothing until it is", OWNED_KEY);
            }
        }
        return owned;
    }

    /** Adds what this apply created to the owned objects, drops what it deleted; in the apply's transaction. */
    private void remember(Map<Kind, Set<String>> owned, List<ApplyPlan.Change> changes) {
        boolean changed = false;
        for (ApplyPlan.Change c : changes) {
            Kind kind = Kind.ALL.stream().filter(k -> k.id().equals(c.kind())).findFirst().orElseThrow();
            switch (c.action()) {
                case CREATE -> changed |= owned.get(kind).add(c.name());
                case DELETE -> changed |= owned.get(kind).remove(c.name());
                default -> { }
            }
        }
        if (!changed) {
            return;
        }
        ObjectNode tree = JSON.createObjectNode();
        for (Kind kind : Kind.ALL) {
            ArrayNode names = tree.putArray(kind.section());
            owned.get(kind).forEach(names::add);
        }
        settings.put(OWNED_KEY, tree.toString());
    }

    /** @return the files read, for tests */
    List<String> files() {
        return new ArrayList<>(status.files());
    }
}

package io.arus.core.platform.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** What the drop-in watcher knows about one JAR of the folder. Guarded by the watcher's lock. */
final class TrackedFile {
    /** Size and modification time: a file is acted on once they stay the same for one poll. */
    record Fingerprint(long size, long modified) {
        /** @return the file's fingerprint, or null when it is gone */
        static Fingerprint of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Fingerprint(attributes.size(), attributes.lastModifiedTime().toMillis());
            } catch (IOException e) {
                return null;
            }
        }
    }

    final Path path;
    /** What the last poll saw. */
    Fingerprint seen;
    /** What the installed bundle, or the last refused attempt, came from; null: not acted on yet. */
    Fingerprint applied;
    /** The bundle installed from it, or -1. */
    long bundleId = -1;
    /** Why it is not working (install refused, activator threw); null when nothing is known to be wrong. */
    String problem;
    /** Start, update or uninstall in progress or last done; null when none was run. */
    BundleOperation operation;
    /** Being removed: the poll leaves it alone. */
    boolean removing;

    TrackedFile(Path path) {
        this.path = path;
    }

    boolean busy() {
        return operation != null && !operation.isDone();
    }

    String location() {
        return path.toUri().toString();
    }
}

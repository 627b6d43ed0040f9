package io.arus.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A local folder: files are written under a hidden temporary name beside their target, then renamed atomically. */
final class LocalStorage implements Storage {
    private final Path root;

    LocalStorage(Location location) {
        this.root = Path.of(location.root());
    }

    private Path path(String relative) {
        String r = Location.trimSlashes(relative);
        Path p = r.isEmpty() ? root : root.resolve(r).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException(relative + " is outside " + root);
        }
        return p;
    }

    /**
     * @param relative a file under the folder
     * @return its absolute path
     */
    Path file(String relative) {
        return path(relative);
    }

    @Override
    public Path stage(String relative) throws IOException {
        Path target = path(relative);
        Files.createDirectories(target.getParent());
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8)
                + ".tmp");
    }

    @Override
    public long publish(Path staged, String relative) throws IOException {
        Path target = path(relative);
        long size = Files.size(staged);
        move(staged, target);
        return size;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " to " + to + " atomically on this file system", e);
        }
    }

    @Override
    public void put(String relative, byte[] content) throws IOException {
        Path staged = stage(relative);
        try {
            Files.write(staged, content);
            move(staged, path(relative));
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    @Override
    public byte[] get(String relative) throws IOException {
        try {
            return Files.readAllBytes(path(relative));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public InputStream open(String relative) throws IOException {
        return Files.newInputStream(path(relative));
    }

    @Override
    public List<StoredFile> list(String relativeDir) throws IOException {
        Path dir = path(relativeDir);
        List<StoredFile> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(new StoredFile(root.relativize(file).toString().replace('\\', '/'), attrs.size(),
                            attrs.lastModifiedTime().toMillis(), ""));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    @Override
    public void delete(String relative) throws IOException {
        Path p = path(relative);
        Files.deleteIfExists(p);
        // drop folders left empty, up to the location
        for (Path dir = p.getParent(); dir != null && dir.startsWith(root) && !dir.equals(root); dir = dir.getParent()) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    break;
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    @Override
    public String check() throws IOException {
        Files.createDirectories(root);
        if (!Files.isWritable(root)) {
            throw new IOException(root + " is not writable");
        }
        return "folder " + root;
    }

    @Override
    public void close() {
    }
}

package dev.reprise.engine;

import dev.reprise.flow.FlowFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The working folders of attempts that run with a revision's files, kept for the next attempt with the same files
 * when the attempt left them as it found them: such an attempt starts in one rename instead of a link a file (a
 * flow of a thousand files costs a thousand system calls to lay out, and as many to delete).
 *
 * <p>How a kept folder is known to hold exactly its files: when laid out, each of its folders gets a fixed
 * modification time in the past ({@link #UNTOUCHED}). Creating, deleting or renaming anything in a folder sets its
 * time to now, while moving the whole tree elsewhere does not, so a folder whose time is still that one has the
 * entries it was given. The engine's own entries of a working folder ({@link WorkingFolder#OWN}: the {@code out}
 * folder, the {@code .reprise} folder and the {@code .reprise-outputs} file) are laid out with the files, so that an
 * executor writing into them leaves the tree's folders untouched; they are emptied when the attempt ends. The check
 * is made when the attempt ends and again when a kept folder is taken, since a process an attempt left behind could
 * still write. A file's bytes are the stored file's own (a read-only hard link), so an attempt that forces a write
 * into one changes the stored file as it would without reuse; where the store copies instead of linking, nothing is
 * kept.
 *
 * <p>Kept folders live in {@code <scratch>/.kept-<pid>}, so that processes sharing a workspace keep apart; a folder
 * of a process that is gone is deleted when the next engine starts. Thread-safe: workers lay out and give back
 * folders concurrently.
 */
final class WorkingFolders implements AutoCloseable {

    /** The modification time of every folder of a laid-out working folder, until something changes in it. */
    static final FileTime UNTOUCHED = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));
    private static final Logger LOG = LoggerFactory.getLogger(WorkingFolders.class);
    private static final String PREFIX = ".kept-";
    /** The distinct sets of files kept for, at most; the least recently used set is dropped first. */
    private static final int FILE_SETS = 8;

    /** The folders of one set of files, relative to a working folder, base first, and the folders kept for it. */
    private record Kept(List<String> folders, Deque<Path> ready) {
    }

    private final Path root;
    private final ArtifactStore artifacts;
    private final int perFileSet;
    private final Consumer<Path> delete;
    private final AtomicLong names = new AtomicLong();
    private final Map<List<FlowFile>, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    /**
     * Keeps folders under {@code scratch}, at most {@code perFileSet} of one set of files (the engine's parallelism:
     * as many as can run at once); {@code delete} deletes a folder tree, off the caller's thread.
     */
    WorkingFolders(Path scratch, ArtifactStore artifacts, int perFileSet, Consumer<Path> delete) {
        this.root = scratch.resolve(PREFIX + ProcessHandle.current().pid());
        this.artifacts = artifacts;
        this.perFileSet = Math.max(1, perFileSet);
        this.delete = delete;
    }

    /** Deletes the kept folders of engines whose process is gone (one that was killed could not). */
    static void deleteLeftovers(Path scratch, Consumer<Path> delete) {
        if (!Files.isDirectory(scratch)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(scratch, PREFIX + "*")) {
            for (Path entry : entries) {
                Optional<Long> pid = pid(entry.getFileName().toString().substring(PREFIX.length()));
                if (pid.isPresent() && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                delete.accept(entry);
            }
        } catch (IOException e) {
            LOG.debug("cannot list the scratch folder {}", scratch, e);
        }
    }

    /**
     * Gives {@code workDir} (which must not exist) exactly {@code code}: a kept folder of the same files moved
     * there, or a new one laid out from the artifact store.
     */
    void prepare(Path workDir, List<FlowFile> code) throws IOException {
        Kept same;
        Path ready;
        synchronized (this) {
            same = closed ? null : kept.get(code);
            ready = same == null ? null : same.ready().poll();
        }
        if (ready != null) {
            if (untouched(ready, same.folders(), true)) {
                Files.createDirectories(workDir.getParent());
                try {
                    Files.move(ready, workDir);
                    return;
                } catch (IOException e) {
                    LOG.debug("cannot move kept working folder {} to {}", ready, workDir, e);
                }
            }
            delete.accept(ready);
        }
        if (WorkingFolder.prepare(workDir, code, artifacts) && WorkingFolder.keepable(code)) {
            synchronized (this) {
                kept.computeIfAbsent(code, files -> new Kept(WorkingFolder.folders(files), new ArrayDeque<>()));
                trim();
            }
        }
    }

    /**
     * Takes back the working folder of an attempt that ran with {@code code} and has ended: kept when the attempt
     * left its files as they were (its own entries emptied), deleted otherwise.
     */
    void release(Path workDir, List<FlowFile> code) {
        Kept same;
        synchronized (this) {
            same = closed ? null : kept.get(code);
        }
        if (same == null || !untouched(workDir, same.folders(), false)) {
            delete.accept(workDir);
            return;
        }
        Path target = root.resolve(Long.toString(names.incrementAndGet()));
        try {
            WorkingFolder.emptyOwn(workDir);
            Files.createDirectories(root);
            Files.move(workDir, target);
        } catch (IOException e) {
            LOG.debug("cannot keep working folder {}", workDir, e);
            delete.accept(workDir);
            return;
        }
        synchronized (this) {
            if (!closed && kept.get(code) == same && same.ready().size() < perFileSet) {
                same.ready().push(target);
                return;
            }
        }
        delete.accept(target);
    }

    /** Deletes every kept folder; folders given back later are deleted too. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            kept.clear();
        }
        delete.accept(root);
    }

    private void trim() {
        while (kept.size() > FILE_SETS) {
            Map.Entry<List<FlowFile>, Kept> eldest = kept.entrySet().iterator().next();
            kept.remove(eldest.getKey());
            eldest.getValue().ready().forEach(delete);
        }
    }

    /**
     * Whether each of {@code folders} of {@code base} is a folder with the time it was laid out with; with
     * {@code own}, also whether the engine's own entries are as emptied.
     */
    private static boolean untouched(Path base, List<String> folders, boolean own) {
        try {
            for (String folder : folders) {
                if (!untouched(folder.isEmpty() ? base : base.resolve(folder))) {
                    return false;
                }
            }
            return !own || WorkingFolder.ownEmpty(base);
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            LOG.debug("cannot read working folder {}", base, e);
            return false;
        }
    }

    static boolean untouched(Path folder) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(folder, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        return attributes.isDirectory() && attributes.lastModifiedTime().equals(UNTOUCHED);
    }

    private static Optional<Long> pid(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** For tests: the folders kept now. */
    synchronized List<Path> keptFolders() {
        List<Path> all = new ArrayList<>();
        kept.values().forEach(k -> all.addAll(k.ready()));
        return all;
    }
}

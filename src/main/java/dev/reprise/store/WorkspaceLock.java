package dev.reprise.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive hold of one process on a workspace folder: an OS file lock on {@code workspace.lock},
 * which holds the pid of its holder so that a second process can say who is in the way. The OS drops
 * the lock when the process dies, so a crash never leaves a workspace locked. Thread-safe.
 */
final class WorkspaceLock implements AutoCloseable {

    static final String FILE_NAME = "workspace.lock";

    /*
     * Folders locked by this JVM. POSIX record locks belong to the process, and closing any descriptor of
     * the lock file drops them, so this process must never open the file again while it holds it.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    /*
     * The lock covers one byte far past the pid, not the pid itself: on Windows locks are mandatory and a
     * locked range cannot be read, and the second process needs to read the pid.
     */
    private static final long LOCK_POSITION = Long.MAX_VALUE - 1;

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private WorkspaceLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (an existing folder) or throws {@link WorkspaceLockedException}. */
    static WorkspaceLock acquire(Path dir) {
        Path key;
        try {
            key = dir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open workspace " + dir, e);
        }
        long pid = ProcessHandle.current().pid();
        if (!HELD.add(key)) {
            throw new WorkspaceLockedException(
                    "workspace " + dir + " is already open in this Reprise process (pid " + pid + "); close it first");
        }
        Path file = key.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock(LOCK_POSITION, 1, false);
            if (lock == null) {
                channel.close();
                channel = null;
                throw new WorkspaceLockedException("workspace " + dir + " is in use by another Reprise process (pid "
                        + holderPid(file) + "); close it first");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new WorkspaceLock(key, channel, lock);
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            HELD.remove(key);
            throw new WorkspaceLockedException("cannot lock workspace " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            HELD.remove(key);
            throw e;
        }
    }

    private static String holderPid(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return text.matches("\\d{1,19}") ? text : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was locked through it
            }
        }
    }

    /** Releases the lock; the file stays, so that no other process races with its deletion. */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock of workspace " + dir, e);
        } finally {
            HELD.remove(dir);
        }
    }
}

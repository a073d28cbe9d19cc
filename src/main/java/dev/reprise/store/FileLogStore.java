package dev.reprise.store;

import dev.reprise.engine.LogStore;
import dev.reprise.run.LogChunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@link LogStore} on plain files: {@code <root>/<runId>/<stepId>/<attempt>.log}. Ids become single
 * folder names: every character outside {@code [A-Za-z0-9._-\[\]]} is percent-encoded (as are ids made
 * only of dots), so no id can reach outside the root and two ids never share a folder. Reads seek to the
 * offset and read only the bytes asked for. Thread-safe.
 */
public final class FileLogStore implements LogStore {

    /** A read returns at least this many bytes when there are, so that one character always fits. */
    private static final int MIN_READ = 4;

    private final Path root;

    /** A store in folder {@code root}, created if needed. */
    public FileLogStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log folder " + this.root, e);
        }
    }

    @Override
    public Path file(String runId, String stepId, int attempt) {
        Path file = location(runId, stepId, attempt);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log folder of " + runId + "/" + stepId, e);
        }
        return file;
    }

    /**
     * {@inheritDoc} The chunk never ends inside a UTF-8 sequence unless the attempt has ended and the log
     * itself ends there (its broken tail then reads as U+FFFD), and holds at least one character when
     * there is one, even if {@code maxBytes} is smaller.
     */
    @Override
    public LogChunk read(String runId, String stepId, int attempt, long offset, int maxBytes, boolean ended) {
        if (offset < 0) {
            throw new IllegalArgumentException("log offset must not be negative, was " + offset);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        Path file = location(runId, stepId, attempt);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (offset >= size) {
                return new LogChunk(offset, offset, size, "", ended);
            }
            int want = (int) Math.min(Math.max(maxBytes, MIN_READ), size - offset);
            ByteBuffer buffer = ByteBuffer.allocate(want);
            while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                // reads until the buffer is full or the file ends (it may have been truncated meanwhile)
            }
            int read = buffer.position();
            boolean atEnd = offset + read >= size;
            int length = ended && atEnd ? read : completeLength(buffer.array(), read);
            long next = offset + length;
            String text = new String(buffer.array(), 0, length, StandardCharsets.UTF_8);
            return new LogChunk(offset, next, size, text, ended && next == size);
        } catch (NoSuchFileException e) {
            return new LogChunk(offset, offset, 0, "", ended);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of " + runId + "/" + stepId + " attempt " + attempt, e);
        }
    }

    /** How many of the first {@code length} bytes end on a UTF-8 character boundary. */
    static int completeLength(byte[] bytes, int length) {
        // Look back over at most three continuation bytes (10xxxxxx) for the lead byte of the last sequence.
        for (int i = length - 1; i >= 0 && i >= length - 4; i--) {
            int b = bytes[i] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue;
            }
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return i + needed > length ? i : length;
        }
        return length; // not UTF-8 here; cut where asked
    }

    @Override
    public void deleteRun(String runId) {
        Path folder = root.resolve(folderName(runId));
        if (!folder.normalize().startsWith(root) || folder.normalize().equals(root) || !Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the logs of run " + runId + ": " + e.getMessage(), e);
        }
    }

    private Path location(String runId, String stepId, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1, was " + attempt);
        }
        Path file = root.resolve(folderName(runId)).resolve(folderName(stepId)).resolve(attempt + ".log");
        if (!file.normalize().startsWith(root)) {
            throw new IllegalStateException("log path escapes " + root + ": " + file);
        }
        return file;
    }

    /** {@code id} as one safe folder name, reversibly (percent-encoding of UTF-8 bytes). */
    static String folderName(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("run and step ids must not be empty");
        }
        boolean onlyDots = id.chars().allMatch(c -> c == '.');
        StringBuilder name = new StringBuilder(id.length());
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '[' || c == ']' || (c == '.' && !onlyDots);
            if (safe) {
                name.append((char) c);
            } else {
                name.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return name.toString();
    }
}

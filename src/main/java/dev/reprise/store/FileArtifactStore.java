package dev.reprise.store;

import dev.reprise.engine.ArtifactStore;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * {@link ArtifactStore} on plain files: the bytes of digest {@code ab12…} live in
 * {@code <root>/ab/ab12…}. A file is written to a temporary file inside the artifact folder (so on the
 * same file system), forced to disk and renamed into place atomically, so a reader never sees a partial artifact and a crash leaves at most a
 * stray {@code .tmp} file. Names and media types are not part of the file: they travel in the
 * {@link ArtifactRef}. Thread-safe; several writers of the same content race harmlessly.
 */
public final class FileArtifactStore implements ArtifactStore {

    private static final HexFormat HEX = HexFormat.of();

    private static final Set<PosixFilePermission> READ_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private final Path root;
    /** The artifacts this process has linked and seen read-only. */
    private final Set<String> readOnly = ConcurrentHashMap.newKeySet();

    /** A store in folder {@code root}, created if needed. */
    public FileArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the artifact folder " + this.root, e);
        }
    }

    @Override
    public ArtifactRef put(byte[] bytes, String name, String mediaType) {
        String sha256 = HEX.formatHex(sha256().digest(bytes));
        Path target = location(sha256);
        if (!Files.exists(target)) {
            writeAtomically(target, temp -> {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
            });
        }
        return new ArtifactRef(sha256, name, mediaType, bytes.length);
    }

    @Override
    public ArtifactRef putFile(Path file, String name, String mediaType) {
        try (InputStream in = Files.newInputStream(file)) {
            return copyIn(in, null, name, mediaType);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + file + " as an artifact", e);
        }
    }

    @Override
    public ArtifactRef putVerified(InputStream in, String expectedSha256, String name, String mediaType) {
        requireDigest(expectedSha256);
        try {
            return copyIn(in, expectedSha256, name, mediaType);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store artifact " + expectedSha256 + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies {@code in} to a temporary file in the root while hashing it, then renames it into place; when
     * {@code expected} is given and the bytes hash to something else, nothing is stored.
     */
    private ArtifactRef copyIn(InputStream in, String expected, String name, String mediaType) throws IOException {
        // The digest is known only after reading, so the copy goes to a temporary file in the root first.
        Path temp = Files.createTempFile(root, "put-", ".tmp");
        MessageDigest digest = sha256();
        long size = 0;
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    digest.update(buffer, 0, n);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                    size += n;
                }
                out.force(true);
            }
            String sha256 = HEX.formatHex(digest.digest());
            if (expected != null && !expected.equals(sha256)) {
                throw new IllegalArgumentException("artifact " + expected + " does not have the bytes it names: "
                        + "they hash to " + sha256 + " (" + size + " bytes)");
            }
            Path target = location(sha256);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                moveAtomically(temp, target);
                forceFolder(target.getParent());
            }
            return new ArtifactRef(sha256, name, mediaType, size);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** An artifact file as it lies on disk. */
    public record StoredFile(String sha256, long size, Instant modified) {
    }

    /** Every artifact held, in no particular order (temporary files of writes going on are not listed). */
    public List<StoredFile> list() {
        List<StoredFile> files = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                try (Stream<Path> inside = Files.list(folder)) {
                    for (Path file : inside.toList()) {
                        String name = file.getFileName().toString();
                        if (ArtifactRef.isDigest(name) && name.startsWith(folder.getFileName().toString())) {
                            BasicFileAttributes attributes = Files.readAttributes(file,
                                    BasicFileAttributes.class);
                            files.add(new StoredFile(name, attributes.size(), attributes.lastModifiedTime().toInstant()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the artifacts in " + root + ": " + e.getMessage(), e);
        }
        return files;
    }

    /** Deletes an artifact's file; false if there was none. */
    @Override
    public boolean delete(String sha256) {
        try {
            return Files.deleteIfExists(location(requireDigest(sha256)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete artifact " + sha256 + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Path path(String sha256) {
        Path file = location(requireDigest(sha256));
        if (!Files.isRegularFile(file)) {
            // said without the folder: the message may end in a step's error, which the server sends to clients
            throw new IllegalArgumentException("no artifact with SHA-256 " + sha256 + " in this workspace");
        }
        return file;
    }

    @Override
    public boolean exists(String sha256) {
        return Files.isRegularFile(location(requireDigest(sha256)));
    }

    @Override
    public boolean linkInto(String sha256, Path target) throws IOException {
        Path stored = location(requireDigest(sha256));
        try {
            Files.createLink(target, stored);
        } catch (NoSuchFileException e) {
            if (!Files.isRegularFile(stored)) {
                throw new IllegalArgumentException("no artifact with SHA-256 " + sha256 + " in this workspace", e);
            }
            throw e;
        } catch (UnsupportedOperationException | FileSystemException notHere) {
            Files.copy(stored, target);
            readOnly(target);
            return false;
        }
        // a link shares the stored file's permissions: made read-only once, it stays so, and this process asks
        // no more of a file it has seen read-only (one system call a file is what a large folder costs)
        if (readOnly.add(sha256) && Files.isWritable(stored)) {
            readOnly(stored);
        }
        return true;
    }

    private static void readOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, READ_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            file.toFile().setReadOnly();
        }
    }

    private Path location(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static String requireDigest(String sha256) {
        if (!ArtifactRef.isDigest(sha256)) {
            throw new IllegalArgumentException("not an artifact digest: " + sha256
                    + " (expected 64 lowercase hexadecimal characters)");
        }
        return sha256;
    }

    private interface Writer {
        void write(Path temp) throws IOException;
    }

    private static void writeAtomically(Path target, Writer writer) {
        Path folder = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(folder);
            temp = Files.createTempFile(folder, target.getFileName() + "-", ".tmp");
            writer.write(temp);
            moveAtomically(temp, target);
            forceFolder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write artifact " + target.getFileName(), e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    private static void moveAtomically(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target.getParent()
                    + " cannot rename atomically; artifacts need a local disk", e);
        } catch (IOException e) {
            // Another writer put the same content in place first: same bytes, nothing to do.
            if (!Files.isRegularFile(target)) {
                throw e;
            }
        }
    }

    /** Makes the rename durable; folders cannot be opened for this on every platform, which is harmless. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported here (e.g. Windows); the rename is still atomic
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stray temporary file is harmless
        }
    }

    private static MessageDigest sha256() {
        return Sha256.newDigest();
    }
}

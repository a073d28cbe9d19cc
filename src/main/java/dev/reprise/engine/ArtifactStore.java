package dev.reprise.engine;

import dev.reprise.run.ArtifactRef;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Content-addressed files: each stored once under its SHA-256, written atomically (temporary file, fsync,
 * rename), never changed afterwards. Thread-safe.
 */
public interface ArtifactStore {

    ArtifactRef put(byte[] bytes, String name, String mediaType);

    /** Stores a copy of {@code file}'s bytes; the original is left in place. */
    ArtifactRef putFile(Path file, String name, String mediaType);

    /**
     * Stores the bytes of {@code in}, which must hash to {@code expectedSha256}: if they do not, nothing is
     * stored and {@link IllegalArgumentException} says so. For bytes that come from elsewhere (an imported
     * run, a server).
     */
    ArtifactRef putVerified(InputStream in, String expectedSha256, String name, String mediaType);

    /** The stored file of {@code sha256}; throws {@link IllegalArgumentException} for a malformed or unknown digest. */
    Path path(String sha256);

    boolean exists(String sha256);

    /**
     * Puts the bytes of {@code sha256} at {@code target} (a new file in an existing folder) as cheaply as the file
     * system allows: a hard link to the stored file, which is read-only so that a step cannot change stored bytes
     * through it, or a read-only copy where links cannot be made. For the working folders of steps.
     *
     * @return true for a link, false for a copy
     * @throws IllegalArgumentException for a malformed or unknown digest
     */
    boolean linkInto(String sha256, Path target) throws IOException;

    /** Deletes an artifact's file, which nothing may refer to any more; false if there was none. */
    boolean delete(String sha256);
}

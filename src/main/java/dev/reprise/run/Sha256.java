package dev.reprise.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one hash Reprise uses (artifact digests, flow sources, code fingerprints, token hashes), in one
 * place: a new digest, its lower-case hex, and the digest of a text, a stream or a file. Stateless.
 */
public final class Sha256 {

    /** A stream's or file's digest as lower-case hex, and how many bytes it had. */
    public record Summary(String hex, long size) {
    }

    private Sha256() {
    }

    /** A new SHA-256 digest; every Java runtime has one. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Completes {@code digest} and answers it as lower-case hex. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The digest of {@code text} in UTF-8. */
    public static String of(String text) {
        MessageDigest digest = newDigest();
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        return hex(digest);
    }

    /** The digest of what {@code in} holds up to its end, read in chunks; the caller closes it. */
    public static Summary of(InputStream in) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
            size += n;
        }
        return new Summary(hex(digest), size);
    }

    /** The digest of a file's bytes. */
    public static Summary of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }
}

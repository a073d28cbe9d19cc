package dev.reprise.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.Json;
import dev.reprise.run.PrivateFiles;
import dev.reprise.run.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's bearer tokens, kept in {@code server-tokens.json} in the workspace folder. Only a salted
 * SHA-256 of each token's secret is stored, so the file does not reveal a usable token; a token is shown
 * once, when it is created. A token reads {@code rps_<id>.<secret>}: the id finds the record (and names it
 * for {@code revoke}), the secret proves it. The file is rewritten atomically (temporary file, fsync,
 * rename) under a lock file, so the {@code reprise server tokens} commands can change it while a server
 * runs: the server sees the new file at its next request. Thread-safe.
 */
public final class TokenStore implements Tokens {

    /** The file name in the workspace folder. */
    public static final String FILE_NAME = "server-tokens.json";

    private static final Pattern TOKEN = Pattern.compile("rps_([0-9a-f]{12})\\.([A-Za-z0-9_-]{43})");
    private static final HexFormat HEX = HexFormat.of();

    /** A token as stored: no secret, only its salted hash; a {@code readOnly} token may only read (GET). */
    public record Stored(String id, String name, String salt, String hash, Instant createdAt, boolean readOnly) {
    }

    /** What the file holds. */
    record TokenFile(List<Stored> tokens) {
        TokenFile {
            tokens = tokens == null ? List.of() : List.copyOf(tokens);
        }
    }

    /** A token just created: {@code token} is the only copy of the secret. */
    public record Created(String id, String name, String token) {
    }

    private record Snapshot(Object fileKey, long modified, long size, List<Stored> tokens) {
    }

    private final Path file;
    private final Path lockFile;
    private final Clock clock;
    private final ObjectMapper mapper = Json.newMapper();
    private final SecureRandom random = new SecureRandom();
    private volatile Snapshot snapshot;

    public TokenStore(Path workspaceFolder, Clock clock) {
        this.file = workspaceFolder.resolve(FILE_NAME);
        this.lockFile = workspaceFolder.resolve(FILE_NAME + ".lock");
        this.clock = clock;
    }

    /** The tokens, oldest first (re-read if the file changed). */
    public List<Stored> list() {
        return current().tokens();
    }

    /** Creates a token named {@code name} and returns it; the secret is not kept. */
    public Created create(String name) {
        return create(name, false);
    }

    /** Creates a token named {@code name}, one that may only read if {@code readOnly}; the secret is not kept. */
    public Created create(String name, boolean readOnly) {
        Objects.requireNonNull(name, "name");
        return update(tokens -> {
            byte[] secretBytes = new byte[32];
            random.nextBytes(secretBytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
            byte[] idBytes = new byte[6];
            String id;
            do {
                random.nextBytes(idBytes);
                id = HEX.formatHex(idBytes);
            } while (find(tokens, id).isPresent());
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            tokens.add(new Stored(id, name, HEX.formatHex(salt), hash(salt, secret), clock.instant(), readOnly));
            return new Created(id, name, "rps_" + id + "." + secret);
        });
    }

    /** Creates the first token, named {@code name}, if there is none yet; empty if tokens exist. */
    public Optional<Created> createFirst(String name) {
        synchronized (this) {
            if (!list().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(create(name));
        }
    }

    /** Removes the token with this id (or whole token); false if there is none. */
    public boolean revoke(String idOrToken) {
        Matcher matcher = TOKEN.matcher(idOrToken);
        String id = matcher.matches() ? matcher.group(1) : idOrToken;
        return update(tokens -> tokens.removeIf(t -> t.id().equals(id)));
    }

    /** The stored token that {@code token} proves, if any. Comparison time does not depend on the secret. */
    @Override
    public Optional<Stored> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher matcher = TOKEN.matcher(token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Optional<Stored> stored = find(current().tokens(), matcher.group(1));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        byte[] expected = HEX.parseHex(stored.get().hash());
        byte[] actual = HEX.parseHex(hash(HEX.parseHex(stored.get().salt()), matcher.group(2)));
        return MessageDigest.isEqual(expected, actual) ? stored : Optional.empty();
    }

    private static Optional<Stored> find(List<Stored> tokens, String id) {
        return tokens.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    private interface Change<T> {
        T apply(List<Stored> tokens);
    }

    private synchronized <T> T update(Change<T> change) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 var ignored = lock.lock()) {
                List<Stored> tokens = new ArrayList<>(read().tokens());
                T result = change.apply(tokens);
                write(new TokenFile(tokens));
                snapshot = null;
                return result;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + FILE_NAME + ": " + e.getMessage(), e);
        }
    }

    private Snapshot current() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Snapshot known = snapshot;
            if (known != null && Objects.equals(known.fileKey(), attributes.fileKey())
                    && known.modified() == attributes.lastModifiedTime().toMillis() && known.size() == attributes.size()) {
                return known;
            }
            Snapshot fresh = new Snapshot(attributes.fileKey(), attributes.lastModifiedTime().toMillis(),
                    attributes.size(), read().tokens());
            snapshot = fresh;
            return fresh;
        } catch (NoSuchFileException e) {
            return new Snapshot(null, 0, 0, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE_NAME + ": " + e.getMessage(), e);
        }
    }

    private TokenFile read() throws IOException {
        try {
            return mapper.readValue(Files.readAllBytes(file), TokenFile.class);
        } catch (NoSuchFileException e) {
            return new TokenFile(List.of());
        }
    }

    private void write(TokenFile content) throws IOException {
        PrivateFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(content));
    }

    private static String hash(byte[] salt, String secret) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(salt);
        digest.update(secret.getBytes(StandardCharsets.US_ASCII));
        return Sha256.hex(digest);
    }
}

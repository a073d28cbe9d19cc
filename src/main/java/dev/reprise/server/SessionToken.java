package dev.reprise.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * One token that lives as long as a process: made at random, kept in memory only, never written to the
 * workspace's token file. A process that shares its workspace with the other Reprise processes of its user
 * gives it to them through a file only that user can read. Thread-safe.
 */
public final class SessionToken implements Tokens {

    private final String token;
    private final TokenStore.Stored stored;

    private SessionToken(String token, String name, Instant createdAt) {
        this.token = token;
        this.stored = new TokenStore.Stored("session", name, "", "", createdAt, false);
    }

    /** A new token named {@code name}, with 256 random bits. */
    public static SessionToken random(String name, Instant createdAt) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new SessionToken("rps_session." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret), name,
                createdAt);
    }

    /** The bearer's text: the only copy of the secret. */
    public String token() {
        return token;
    }

    /** Comparison time does not depend on the secret. */
    @Override
    public Optional<TokenStore.Stored> verify(String given) {
        return given != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8)) ? Optional.of(stored) : Optional.empty();
    }
}

package dev.reprise.server;

import java.util.Optional;

/** Who may call a {@link WorkspaceServer}: the token a bearer proves, if any. Thread-safe. */
public interface Tokens {

    /** The token that {@code token} proves; empty for an unknown, mistyped or revoked one. */
    Optional<TokenStore.Stored> verify(String token);
}

package dev.reprise.cli;

import dev.reprise.server.TokenStore;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.List;

/**
 * A server host that manages the real token file of a workspace folder, as the app's does, but serves
 * nothing: for the tests of {@code reprise server tokens}, which never start a server.
 */
final class TokensOnlyHost implements ServerHost {

    @Override
    public Served serve(Path folder, String store, Duration leaseTerm, String bind, int port, TlsFiles tls) {
        throw new UnsupportedOperationException("these tests start no server");
    }

    @Override
    public List<TokenInfo> tokens(Path folder) {
        return new TokenStore(folder, Clock.systemUTC()).list().stream()
                .map(t -> new TokenInfo(t.id(), t.name(), t.createdAt(), t.readOnly())).toList();
    }

    @Override
    public NewToken createToken(Path folder, String name, boolean readOnly) {
        TokenStore.Created created = new TokenStore(folder, Clock.systemUTC()).create(name, readOnly);
        return new NewToken(created.id(), created.name(), created.token());
    }

    @Override
    public boolean revokeToken(Path folder, String id) {
        return new TokenStore(folder, Clock.systemUTC()).revoke(id);
    }
}

package dev.reprise.cli;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code reprise server} needs from the composition root: serving a workspace folder over HTTP, and
 * the tokens the server accepts (kept in that folder). The command line knows only this interface; the
 * app decides which server it is.
 */
public interface ServerHost {

    /** A server that is running; closing it stops the server and closes its workspace. */
    interface Served extends AutoCloseable {
        /** What is served: the workspace folder, or the shared database and the folder of its files. */
        String location();

        /** The API's base, e.g. {@code http://127.0.0.1:8080/api/v1} ({@code https://} with TLS). */
        String url();

        /** The admin token created by this first start, shown once; empty when tokens existed already. */
        Optional<String> firstToken();

        @Override
        void close();
    }

    /** A token as listed: never its secret. */
    record TokenInfo(String id, String name, Instant createdAt, boolean readOnly) {
    }

    /** A new token: {@code token} is the only copy of its secret. */
    record NewToken(String id, String name, String token) {
    }

    /** The PEM files an HTTPS server is given: its certificate chain and its private key (PKCS#8). */
    record TlsFiles(Path certificate, Path key) {
    }

    /**
     * Serves the workspace of {@code folder} at {@code bind}:{@code port}; with a {@code store} (a shared
     * database's address), its records are in that database, beside the other servers that share it, and
     * this server's leases on the runs it executes last {@code leaseTerm}. With {@code tls} it serves HTTPS
     * only, and a certificate or key that cannot be used is refused before anything is opened.
     */
    Served serve(Path folder, @Nullable String store, Duration leaseTerm, String bind, int port,
                 @Nullable TlsFiles tls);

    List<TokenInfo> tokens(Path folder);

    NewToken createToken(Path folder, String name, boolean readOnly);

    /** False if no token has that id. */
    boolean revokeToken(Path folder, String id);
}

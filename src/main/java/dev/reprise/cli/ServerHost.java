package dev.reprise.cli;

import java.nio.file.Path;
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
        /** The API's base, e.g. {@code http://127.0.0.1:8080/api/v1}. */
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

    Served serve(Path folder, String bind, int port);

    List<TokenInfo> tokens(Path folder);

    NewToken createToken(Path folder, String name, boolean readOnly);

    /** False if no token has that id. */
    boolean revokeToken(Path folder, String id);
}

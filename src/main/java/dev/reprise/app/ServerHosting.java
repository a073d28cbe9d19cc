package dev.reprise.app;

import dev.reprise.cli.ServerHost;
import dev.reprise.server.ServerTls;
import dev.reprise.server.TokenStore;
import dev.reprise.server.WorkspaceServer;
import dev.reprise.workspace.Workspace;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code reprise server} wired: the workspace of the folder (held here, or joined through the process that
 * holds it, such as the open window: see {@link LocalWorkspaces#openOrJoin}), its {@link TokenStore}, and a
 * {@link WorkspaceServer} in front. The served workspace lives exactly as long as the server. Stateless.
 */
final class ServerHosting implements ServerHost {

    private static final Logger LOG = LoggerFactory.getLogger(ServerHosting.class);

    private final String version;
    private final Clock clock;

    ServerHosting(String version, Clock clock) {
        this.version = version;
        this.clock = clock;
    }

    @Override
    public Served serve(Path folder, @Nullable String store, Duration leaseTerm, String bind, int port,
                        @Nullable TlsFiles tls) {
        // read and checked before the workspace is opened: a bad certificate or key costs nothing to refuse
        ServerTls serverTls = tls == null ? null : ServerTls.load(tls.certificate(), tls.key());
        Workspace workspace = store != null
                ? LocalWorkspaces.openShared(store, folder, LocalWorkspaces.Options.defaults().withLeaseTerm(leaseTerm))
                : LocalWorkspaces.openOrJoin(folder, LocalWorkspaces.Options.defaults(), LocalWorkspaces.PATIENCE,
                        LOG::info);
        try {
            TokenStore tokens = new TokenStore(folder, clock);
            Optional<String> first = tokens.createFirst("admin").map(TokenStore.Created::token);
            WorkspaceServer server = WorkspaceServer.start(workspace, tokens,
                    WorkspaceServer.Config.defaults().withAddress(bind, port).withVersion(version).withTls(serverTls));
            String location = store != null ? workspace.location() + " (files in " + folder + ")" : folder.toString();
            return new Served() {
                @Override
                public String location() {
                    return location;
                }

                @Override
                public String url() {
                    return server.url();
                }

                @Override
                public Optional<String> firstToken() {
                    return first;
                }

                @Override
                public void close() {
                    try {
                        server.close();
                    } finally {
                        workspace.close();
                    }
                }
            };
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
    }

    @Override
    public List<TokenInfo> tokens(Path folder) {
        return new TokenStore(folder, clock).list().stream()
                .map(t -> new TokenInfo(t.id(), t.name(), t.createdAt(), t.readOnly())).toList();
    }

    @Override
    public NewToken createToken(Path folder, String name, boolean readOnly) {
        TokenStore.Created created = new TokenStore(folder, clock).create(name, readOnly);
        return new NewToken(created.id(), created.name(), created.token());
    }

    @Override
    public boolean revokeToken(Path folder, String id) {
        return new TokenStore(folder, clock).revoke(id);
    }
}

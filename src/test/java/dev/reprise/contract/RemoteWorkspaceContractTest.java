package dev.reprise.contract;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.client.RemoteWorkspace;
import dev.reprise.server.TokenStore;
import dev.reprise.server.WorkspaceServer;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.Workspace;

import java.net.URI;
import java.time.Clock;

/** The workspace contract on a remote workspace, through a real server on a free loopback port. */
class RemoteWorkspaceContractTest extends WorkspaceContractTest {

    private LocalWorkspace served;
    private WorkspaceServer server;

    @Override
    protected Workspace open() {
        served = LocalWorkspaces.open(folder.resolve("ws"), LocalWorkspaces.Options.defaults().withParallelism(4));
        TokenStore tokens = new TokenStore(folder.resolve("ws"), Clock.systemUTC());
        String token = tokens.create("contract").token();
        server = WorkspaceServer.start(served, tokens, WorkspaceServer.Config.defaults().withAddress("127.0.0.1", 0));
        return RemoteWorkspace.connect(URI.create("http://127.0.0.1:" + server.port()), token,
                RemoteWorkspace.Options.defaults());
    }

    @Override
    protected void closeRest() {
        server.close();
        served.close();
    }
}

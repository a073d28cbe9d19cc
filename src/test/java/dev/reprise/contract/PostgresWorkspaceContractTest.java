package dev.reprise.contract;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.testing.PostgresServer;
import dev.reprise.workspace.Workspace;

/**
 * The workspace contract on a workspace whose records are in a PostgreSQL database (a fresh one per test, on
 * a real server: see {@link PostgresServer}) and whose files are in a folder.
 */
class PostgresWorkspaceContractTest extends WorkspaceContractTest {

    @Override
    protected Workspace open() {
        return LocalWorkspaces.openShared(PostgresServer.get().newDatabase(), folder.resolve("ws"),
                LocalWorkspaces.Options.defaults().withParallelism(4));
    }
}

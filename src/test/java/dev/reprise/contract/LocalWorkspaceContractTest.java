package dev.reprise.contract;

import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.Workspace;

/** The workspace contract on a local workspace in a temporary folder. */
class LocalWorkspaceContractTest extends WorkspaceContractTest {

    @Override
    protected Workspace open() {
        return LocalWorkspace.open(folder.resolve("ws"), LocalWorkspace.Options.defaults().withParallelism(4));
    }
}

package dev.reprise.cli;

import dev.reprise.workspace.Workspace;
import dev.reprise.workspace.WorkspaceException;

import java.net.URI;
import java.nio.file.Path;

/** Opens the workspace a command works on; the composition root decides which implementation. */
@FunctionalInterface
public interface WorkspaceOpener {

    Workspace open(Path folder);

    /** The workspace served at {@code server}, authenticated with {@code token} (null: none). */
    default Workspace connect(URI server, String token) {
        throw new WorkspaceException("this command line cannot connect to servers");
    }
}

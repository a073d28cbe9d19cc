package dev.reprise.cli;

import dev.reprise.workspace.Workspace;

import java.nio.file.Path;

/** Opens the workspace a command works on; the composition root decides which implementation. */
@FunctionalInterface
public interface WorkspaceOpener {

    Workspace open(Path folder);
}

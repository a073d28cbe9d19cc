package dev.reprise.app;

import dev.reprise.cli.WorkspaceOpener;

/** The app's wiring of workspaces, for tests that drive the command line in-process. */
public final class TestWiring {

    private TestWiring() {
    }

    public static WorkspaceOpener workspaces() {
        return Main.workspaces(notice -> { });
    }
}

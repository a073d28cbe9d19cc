package dev.reprise.cli;

import dev.reprise.run.Run;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Option;

/**
 * The {@code --follow} and {@code --json} options of a command that starts a run and waits for it
 * ({@code reprise run}, {@code replay}, {@code snapshots run}): how the run is shown while it goes and how its
 * end is printed, the same way for each (see {@link Follower}).
 */
final class FollowOptions {

    @Option(names = {"-f", "--follow"}, description = {"Print every step's change as it happens, with the steps "
            + "done of all.", "With --json, one JSON object a line (NDJSON): each event as the server's event stream "
            + "sends it, then the ended run."})
    boolean follow;

    @Option(names = "--json", description = "Print the ended run as JSON.")
    boolean json;

    /** Waits for {@code started} to end as {@link Follower#awaitAndReport} does, and returns the exit code. */
    int awaitAndReport(RepriseCommand root, Workspace workspace, Run started) throws InterruptedException {
        return Follower.awaitAndReport(root, workspace, started, follow, json);
    }

    /** As above; {@code detached} tells whether the run goes on without this process (on a server). */
    int awaitAndReport(RepriseCommand root, Workspace workspace, Run started, boolean detached)
            throws InterruptedException {
        return Follower.awaitAndReport(root, workspace, started, follow, json, detached);
    }
}

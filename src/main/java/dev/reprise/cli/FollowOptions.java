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

    @Option(names = "--logs", description = "With --follow, print the steps' logs too as they are written, each line "
            + "after its step's id ('train[1] | epoch 3').")
    boolean logs;

    /** Waits for {@code started} to end as {@link Follower#awaitAndReport} does, and returns the exit code. */
    int awaitAndReport(RepriseCommand root, Workspace workspace, Run started) throws InterruptedException {
        return awaitAndReport(root, workspace, started, root.isRemote());
    }

    /** As above; {@code detached} tells whether the run goes on without this process (on a server). */
    int awaitAndReport(RepriseCommand root, Workspace workspace, Run started, boolean detached)
            throws InterruptedException {
        if (logs && (!follow || json)) {
            throw new IllegalArgumentException(json ? "--logs prints lines for a person; with --json, read the logs "
                    + "with 'reprise logs RUN/STEP'" : "--logs goes with --follow");
        }
        return Follower.awaitAndReport(root, workspace, started, follow, json, logs, detached);
    }
}

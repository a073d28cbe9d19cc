package dev.reprise.cli;

import dev.reprise.run.Run;
import dev.reprise.workspace.Workspace;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;

/**
 * The options of a command that starts a run and waits for it, shared by {@code reprise run} and
 * {@code reprise snapshots run}: the run's labels and environment, and how its end is reported.
 */
final class RunStartOptions {

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label (repeatable).")
    List<String> labels;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "An environment variable for shell steps (repeatable).")
    List<String> env;

    @Mixin
    FollowOptions follow;

    Map<String, String> labels() {
        return KeyValues.parse(labels, "--label");
    }

    Map<String, String> env() {
        return KeyValues.parse(env, "--env");
    }

    /** Waits for {@code started} to end as {@link Follower#awaitAndReport} does, and returns the exit code. */
    int awaitAndReport(RepriseCommand root, Workspace workspace, Run started) throws InterruptedException {
        return follow.awaitAndReport(root, workspace, started);
    }
}

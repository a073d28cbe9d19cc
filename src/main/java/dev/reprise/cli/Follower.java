package dev.reprise.cli;

import dev.reprise.run.Attempt;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Waits for a run to end, printing each step's changes as they happen when asked to. */
final class Follower {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private Follower() {
    }

    /** Blocks until the run has ended and returns it as it ended. */
    static Run await(Workspace workspace, String runId, PrintWriter out, boolean print) throws InterruptedException {
        BlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();
        try (Subscription ignored = workspace.subscribe(runId, 0, events::add)) {
            while (true) {
                RunEvent event = events.take();
                if (print) {
                    print(out, event);
                }
                if (event instanceof RunEvent.RunChanged(Run run, Instant time) && run.state().isTerminal()) {
                    return run;
                }
            }
        }
    }

    /**
     * {@link #await}; when the run goes on in another process (a server, or the process that holds the workspace)
     * and this one is stopped while it waits (Ctrl+C), says that only the following stopped.
     */
    private static Run awaitSayingWhenStopped(RepriseCommand root, Workspace workspace, Run started, boolean print)
            throws InterruptedException {
        if (!root.runsElsewhere()) {
            return await(workspace, started.id(), root.out, print);
        }
        Thread notice = new Thread(() -> {
            root.err.println("stopped following run " + started.id() + "; it goes on in " + workspace.location());
            root.err.flush();
        }, "reprise-follow-stopped");
        try {
            Runtime.getRuntime().addShutdownHook(notice);
        } catch (IllegalStateException stopping) {
            notice.run(); // stopped before it could start following
            return workspace.run(started.id()).run();
        }
        try {
            return await(workspace, started.id(), root.out, print);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(notice);
            } catch (IllegalStateException e) {
                // the process is stopping: the notice is being said
            }
        }
    }

    /**
     * Waits for a started run to end (printing its changes when {@code follow}), prints how it ended (as
     * JSON when {@code json}) and returns the exit code: 0 if it succeeded, 1 otherwise. On a server and
     * without {@code follow} it only prints the run's id: the server keeps the run going.
     */
    static int awaitAndReport(RepriseCommand root, Workspace workspace, Run started, boolean follow, boolean json)
            throws InterruptedException {
        return awaitAndReport(root, workspace, started, follow, json, root.isRemote());
    }

    /** As above; {@code detached} tells whether the run goes on without this process (on a server). */
    static int awaitAndReport(RepriseCommand root, Workspace workspace, Run started, boolean follow, boolean json,
                              boolean detached) throws InterruptedException {
        if (detached && !follow) {
            if (json) {
                Format.json(root.out, started);
            } else {
                root.out.println(started.id());
            }
            return 0;
        }
        Run ended = awaitSayingWhenStopped(root, workspace, started, follow);
        if (json) {
            Format.json(root.out, workspace.run(ended.id()));
        } else {
            root.out.println("run " + ended.id() + " " + ended.state() + " in "
                    + Format.duration(ended.startedAt(), ended.endedAt())
                    + (ended.error() != null ? ": " + ended.error() : ""));
        }
        return ended.state() == RunState.SUCCEEDED ? 0 : Cli.RUN_FAILED;
    }

    private static void print(PrintWriter out, RunEvent event) {
        String at = CLOCK.format(event.time());
        switch (event) {
            case RunEvent.RunChanged(Run run, Instant time) -> out.println(at + "  run " + run.id() + "  "
                    + run.state() + (run.error() != null && run.state().isTerminal() ? "  " + run.error() : ""));
            case RunEvent.StepChanged(StepRun step, Instant time) -> {
                Attempt attempt = step.lastAttempt();
                StringBuilder line = new StringBuilder(at).append("  ").append(step.stepId()).append("  ")
                        .append(step.state());
                if (attempt != null) {
                    line.append("  attempt ").append(attempt.number());
                }
                if (step.state().isTerminal() && step.startedAt() != null) {
                    line.append("  ").append(Format.duration(step.startedAt(), step.endedAt()));
                }
                if (step.error() != null) {
                    line.append("  ").append(step.error());
                }
                out.println(line);
            }
        }
        out.flush();
    }
}

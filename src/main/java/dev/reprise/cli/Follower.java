package dev.reprise.cli;

import dev.reprise.flow.FlowParser;
import dev.reprise.run.Attempt;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a run to end and shows it as it goes: with {@code --follow} a line per change (as JSON, one object a
 * line, with {@code --json}), else on a terminal one progress line rewritten in place, else nothing; then how it
 * ended. Holds no state between calls.
 */
final class Follower {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    /** How often the progress line may change: often enough that its time moves, rarely enough not to flicker. */
    static final Duration PROGRESS_EVERY = Duration.ofMillis(250);

    private Follower() {
    }

    /** How a run awaited is shown as it goes. Called on the waiting thread only, but for {@link #close}. */
    private interface Watch {

        /** {@code event} happened; {@code tally} counts it already. */
        void seen(RunEvent event, StepTally tally);

        /** Nothing happened for a while. */
        default void idle(StepTally tally) {
        }

        /** The wait is over (or stopped): leave the screen ready for what is printed next. May be called twice. */
        default void close() {
        }
    }

    private static final Watch QUIET = (event, tally) -> { };

    /** Blocks until the run has ended and returns it as it ended. */
    private static Run await(Workspace workspace, String runId, StepTally tally, Watch watch)
            throws InterruptedException {
        BlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();
        try (Subscription ignored = workspace.subscribe(runId, 0, events::add)) {
            while (true) {
                RunEvent event = events.poll(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    watch.idle(tally);
                    continue;
                }
                tally.add(event);
                watch.seen(event, tally);
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
    private static Run awaitSayingWhenStopped(RepriseCommand root, Workspace workspace, Run started, StepTally tally,
                                              Watch watch) throws InterruptedException {
        if (!root.runsElsewhere()) {
            return await(workspace, started.id(), tally, watch);
        }
        Thread notice = new Thread(() -> {
            watch.close();
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
            return await(workspace, started.id(), tally, watch);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(notice);
            } catch (IllegalStateException e) {
                // the process is stopping: the notice is being said
            }
        }
    }

    /** Blocks until {@code started} has ended, printing nothing but what a stopped wait says; answers it ended. */
    static Run awaitEnd(RepriseCommand root, Workspace workspace, Run started) throws InterruptedException {
        return awaitSayingWhenStopped(root, workspace, started, new StepTally(started, Set.of()), QUIET);
    }

    /**
     * Waits for a started run to end (printing its changes when {@code follow}, and with {@code logs} its steps'
     * logs as they are written), prints how it ended (as JSON when {@code json}) and returns the exit code: 0 if it
     * succeeded, 1 otherwise. When {@code detached} (the run goes on without this process, on a server) and
     * without {@code follow} it only prints the run's id: the server keeps the run going.
     */
    static int awaitAndReport(RepriseCommand root, Workspace workspace, Run started, boolean follow, boolean json,
                              boolean logs, boolean detached) throws InterruptedException {
        if (detached && !follow) {
            if (json) {
                Format.json(root.out, started);
            } else {
                root.out.println(started.id());
            }
            return 0;
        }
        Screen screen = root.screen();
        Watch watch = watch(root.out, screen, follow, json);
        if (logs && follow && !json) {
            watch = withLogs(watch, new LogTail(workspace, started.id(), root.out));
        }
        boolean counted = !json && (follow || screen.terminal()); // the lines and the progress line show a count
        StepTally tally = new StepTally(started, counted ? flowSteps(workspace, started) : Set.of());
        Run ended;
        try {
            ended = awaitSayingWhenStopped(root, workspace, started, tally, watch);
        } finally {
            watch.close();
        }
        if (json && follow) {
            Format.jsonLine(root.out, workspace.run(ended.id()));
        } else if (json) {
            Format.json(root.out, workspace.run(ended.id()));
        } else {
            root.out.println("run " + ended.id() + " " + screen.state(ended.state()) + " in "
                    + Format.duration(ended.startedAt(), ended.endedAt())
                    + (ended.error() != null ? ": " + ended.error() : ""));
        }
        return ended.state() == RunState.SUCCEEDED ? 0 : Cli.RUN_FAILED;
    }

    /**
     * With {@code follow}, a line per change (JSON lines with {@code json}); without it, the progress line on a
     * terminal unless stdout is for JSON; else nothing.
     */
    private static Watch watch(PrintWriter out, Screen screen, boolean follow, boolean json) {
        if (follow && json) {
            return (event, tally) -> Format.jsonLine(out, event);
        }
        if (follow) {
            return (event, tally) -> print(out, screen, event, tally);
        }
        if (!screen.terminal() || json) {
            return QUIET;
        }
        ProgressLine line = new ProgressLine(out, screen, Clock.systemUTC(), PROGRESS_EVERY);
        return new Watch() {
            @Override
            public void seen(RunEvent event, StepTally tally) {
                line.show(tally);
            }

            @Override
            public void idle(StepTally tally) {
                line.show(tally);
            }

            @Override
            public void close() {
                line.clear();
            }
        };
    }

    /** {@code watch}, and the steps' logs after each change and whenever the run goes quiet. */
    private static Watch withLogs(Watch watch, LogTail logs) {
        return new Watch() {
            @Override
            public void seen(RunEvent event, StepTally tally) {
                logs.seen(event);
                watch.seen(event, tally);
            }

            @Override
            public void idle(StepTally tally) {
                logs.idle();
                watch.idle(tally);
            }

            @Override
            public void close() {
                logs.close();
                watch.close();
            }
        };
    }

    /**
     * The step names of the run's flow revision, so that a count's total includes the steps not reached yet; none
     * when the revision cannot be read or parsed (deleted, or from a newer Reprise): the count is only a guide,
     * and the total then grows as steps are reached.
     */
    private static Set<String> flowSteps(Workspace workspace, Run run) {
        try {
            String source = workspace.revision(run.flowId(), run.revision()).source();
            return new FlowParser().parse(source, run.flowId()).steps().keySet();
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    private static void print(PrintWriter out, Screen screen, RunEvent event, StepTally tally) {
        String at = CLOCK.format(event.time()) + "  [" + tally.count() + "]";
        switch (event) {
            case RunEvent.RunChanged(Run run, Instant time) -> out.println(at + "  run " + run.id() + "  "
                    + screen.state(run.state())
                    + (run.error() != null && run.state().isTerminal() ? "  " + run.error() : ""));
            case RunEvent.StepChanged(StepRun step, Instant time) -> {
                Attempt attempt = step.lastAttempt();
                if (step.state() == StepState.PENDING && attempt == null) {
                    // a fan-out's instances are recorded waiting as soon as its list is known: a line for each
                    // would be a thousand lines for a thousand-wide fan-out, and the tally counts them anyway
                    return;
                }
                StringBuilder line = new StringBuilder(at).append("  ").append(step.stepId()).append("  ")
                        .append(screen.state(step.state()));
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

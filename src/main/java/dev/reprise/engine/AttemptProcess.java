package dev.reprise.engine;

import dev.reprise.run.AttemptState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The part of an attempt that is the same for every step type run as a process ({@code shell}, {@code python}):
 * waiting for the process, killing its whole tree when the attempt is cancelled or times out, and saying how
 * a stopped attempt ended. Stateless; each call concerns one process.
 */
final class AttemptProcess {

    private static final long KILL_GRACE_MILLIS = 2_000;

    /** How the wait ended: the process exited with {@code exitCode}, or the attempt was stopped ({@code stopped}). */
    record Waited(int exitCode, StepOutcome stopped) {
    }

    private AttemptProcess() {
    }

    /**
     * Waits for {@code process} to end; a cancel of the attempt (or an interrupt of this thread) kills its tree and
     * answers the outcome of the stopped attempt, started at {@code started}.
     */
    static Waited await(Process process, StepInvocation inv, Cancellation cancellation, Instant started, Clock clock) {
        // killing waits for the grace period: never on the thread that cancels
        cancellation.onCancel(() -> Thread.ofVirtual().name("kill-" + inv.stepId()).start(() -> killTree(process)));
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            return new Waited(-1, new StepOutcome(AttemptState.CANCELLED, Map.of(), null, "interrupted", started,
                    clock.instant(), hasLog(inv.logFile().get())));
        }
        if (!cancellation.isCancelled()) {
            return new Waited(exit, null);
        }
        AttemptState why = cancellation.reason();
        String error = why == AttemptState.TIMED_OUT
                ? "timed out after " + inv.step().timeout() + "; the process tree was killed"
                : "cancelled; the process tree was killed";
        return new Waited(exit, new StepOutcome(why, Map.of(), exit, error, started, clock.instant(),
                hasLog(inv.logFile().get())));
    }

    /** Whether the attempt wrote to its log; an empty log file is deleted, so that quiet steps leave none. */
    static boolean hasLog(Path log) {
        try {
            if (Files.size(log) > 0) {
                return true;
            }
            Files.deleteIfExists(log);
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Terminates the process and every descendant; forcibly after a short grace period. */
    static void killTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(KILL_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}

package dev.reprise.engine;

import dev.reprise.flow.StepDef;
import dev.reprise.flow.Templates;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/** What a {@link RunCoordinator} needs from the engine that owns it. */
interface EngineContext {

    RunStore store();

    LogStore logs();

    Values values();

    Templates templates();

    StepExecutor executor(String type);

    /** The fingerprint of the code that runs {@code step}, recorded on each attempt. */
    String fingerprint(StepDef step);

    /** Whether an attempt of {@code step} runs on a worker (a step that runs another pipeline does not). */
    boolean holdsWorker(StepDef step);

    /** Starts the runs that steps ask for. */
    ChildRuns children();

    /** Completes with the run once it ended; empty when it is not going on here. */
    Optional<CompletableFuture<Run>> completion(String runId);

    /** Cancels a run that is going on. */
    void cancel(String runId);

    int parallelism();

    Path scratchDir();

    ScheduledExecutorService timers();

    Instant now();

    /** Delivers events committed at {@code position} once the store has made that position durable. */
    void publish(long position, List<RunEvent> events);

    /** Runs {@code action} once {@code position} is durable and every event published before it delivered. */
    void afterPublished(long position, Runnable action);

    /** Runs an attempt on a worker; its outcome comes back to {@code coordinator} as a message. */
    void submit(StepInvocation invocation, Cancellation cancellation, RunCoordinator coordinator);

    /** Deletes a scratch folder in the background. */
    void cleanScratch(Path folder);

    /** The coordinator of {@code runId} has ended. */
    void finished(String runId);
}

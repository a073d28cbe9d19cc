package dev.reprise.engine;

import dev.reprise.flow.Templates;
import dev.reprise.run.RunEvent;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/** What a {@link RunCoordinator} needs from the engine that owns it. */
interface EngineContext {

    RunStore store();

    LogStore logs();

    Values values();

    Templates templates();

    StepExecutor executor(String type);

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

package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.FileGlobs;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowFile;
import dev.reprise.flow.StepDef;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunTrigger;
import dev.reprise.run.StepRun;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Drives one run: a loop on its own thread that takes messages (an attempt ended, a retry is due, cancel),
 * lets the {@link RunScheduler} decide, commits the decided transitions to the store in one transaction,
 * hands their events to be published once that commit is durable, and then acts on the decisions: attempts
 * handed to the shared worker pool with their timeouts, running attempts cancelled, retries timed. All run
 * state is confined to the loop's thread; other threads talk to it only through {@link #post}.
 */
final class RunCoordinator implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RunCoordinator.class);

    /** An attempt handed to a worker, or waiting for its child run ({@code invocation} null). */
    private record InFlight(@Nullable StepInvocation invocation, Cancellation cancellation,
                            @Nullable ScheduledFuture<?> timeout) {
    }

    private final EngineContext engine;
    private final RunScheduler scheduler;
    private final BlockingQueue<RunScheduler.Message> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Run> done = new CompletableFuture<>();
    private final Map<String, InFlight> inFlight = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> retries = new HashMap<>();

    /**
     * The files of the flow's revision that steps use, by a step's {@code files:} globs (empty: all of them): the
     * files put into each attempt's working folder, and their part of its fingerprint. Kept per distinct glob list,
     * as most steps share one. Confined to the loop's thread, as the fingerprints are asked there.
     */
    private final Map<List<String>, StepCode> codeByGlobs = new HashMap<>();
    private final List<FlowFile> code;
    private final ReplayPresets presets;

    /** The files a step uses and their fingerprint. */
    private record StepCode(List<FlowFile> files, String fingerprint) {
    }
    private Run run;
    private long seq;
    /** The store position of the last commit: the run is reported done once it is durable and published. */
    private long committedAt;

    RunCoordinator(EngineContext engine, Flow flow, Run run, ReplayPresets presets) {
        this.engine = engine;
        this.run = run;
        this.seq = run.seq();
        this.code = flow.code();
        this.presets = presets;
        RunScheduler.StepTypes types = new RunScheduler.StepTypes() {
            @Override
            public String fingerprint(StepDef step) {
                return engine.fingerprint(step) + codeOf(step).fingerprint();
            }

            @Override
            public boolean holdsWorker(StepDef step) {
                return engine.holdsWorker(step);
            }

            @Override
            public Object toContext(JsonNode value) {
                return engine.values().toContext(value);
            }
        };
        this.scheduler = new RunScheduler(flow, run, presets, engine.parallelism(), types, engine.templates());
    }

    private StepCode codeOf(StepDef step) {
        return codeByGlobs.computeIfAbsent(step.files(), globs -> {
            List<FlowFile> files = FileGlobs.select(code, globs);
            return new StepCode(files, WorkingFolder.fingerprint(files));
        });
    }

    CompletableFuture<Run> done() {
        return done;
    }

    void post(RunScheduler.Message message) {
        inbox.add(message);
    }

    @Override
    public void run() {
        try {
            scheduler.start(engine.now());
            apply(scheduler.decide(engine.now()));
            while (!scheduler.isOver()) {
                RunScheduler.Message message = inbox.take();
                handle(message);
                RunScheduler.Message more;
                while ((more = inbox.poll()) != null) {
                    handle(more);
                }
                apply(scheduler.decide(engine.now()));
            }
            // the run stays active, and its waiters wait, until its last event has been delivered
            Run ended = run;
            engine.afterPublished(committedAt, () -> {
                engine.finished(ended.id());
                done.complete(ended);
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(e);
        } catch (RuntimeException | Error e) {
            LOG.error("run {} stopped by an engine error", run.id(), e);
            inFlight.values().forEach(f -> f.cancellation().cancel(AttemptState.CANCELLED));
            failed(e);
        }
    }

    private void failed(Throwable e) {
        engine.finished(run.id());
        done.completeExceptionally(e);
    }

    private void handle(RunScheduler.Message message) {
        if (message instanceof RunScheduler.Completed completed) {
            InFlight flight = inFlight.remove(completed.stepId());
            if (flight != null) {
                if (flight.timeout() != null) {
                    flight.timeout().cancel(false);
                }
                if (flight.invocation() != null && flight.invocation().code().isEmpty()) {
                    // a folder with the flow's files was given back to the engine's working folders by the worker
                    engine.cleanScratch(flight.invocation().workDir());
                }
            }
        } else if (message instanceof RunScheduler.RetryDue due) {
            retries.remove(due.stepId());
        }
        scheduler.handle(message, engine.now());
    }

    /**
     * Commits what was decided and hands its events to the publisher, then starts the decided attempts,
     * cancels and times what it says; many reused steps are committed after the attempts started, in a
     * second transaction, so that a replay of a large run does not wait for them.
     */
    private void apply(RunScheduler.Decisions decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        commitAndPublish(decisions.steps(), decisions.run());
        for (RunScheduler.Cancel cancel : decisions.cancels()) {
            InFlight flight = inFlight.get(cancel.stepId());
            if (flight != null) {
                flight.cancellation().cancel(cancel.reason());
            }
        }
        for (String stepId : decisions.droppedRetries()) {
            ScheduledFuture<?> retry = retries.remove(stepId);
            if (retry != null) {
                retry.cancel(false);
            }
        }
        for (RunScheduler.Retry retry : decisions.retries()) {
            retries.put(retry.stepId(), engine.timers().schedule(
                    () -> post(new RunScheduler.RetryDue(retry.stepId())), retry.delay().toMillis(), TimeUnit.MILLISECONDS));
        }
        for (RunScheduler.Start start : decisions.starts()) {
            submit(start);
        }
        if (!decisions.later().isEmpty()) {
            commitAndPublish(decisions.later(), null);
        }
        if (decisions.run() != null && decisions.run().state().isTerminal()) {
            engine.cleanScratch(engine.scratchDir().resolve(run.id()));
        }
    }

    private void submit(RunScheduler.Start start) {
        if (!engine.holdsWorker(start.step())) {
            startChild(start);
            return;
        }
        String id = start.stepId();
        int number = start.attempt();
        Path workDir = engine.scratchDir().resolve(run.id()).resolve(safe(id) + "-" + number);
        Supplier<Path> log = memoize(() -> engine.logs().file(run.id(), id, number));
        StepInvocation invocation = new StepInvocation(run.id(), id, number, start.step(), start.inputs(), run.env(),
                log, workDir, codeOf(start.step()).files());
        Cancellation cancellation = new Cancellation();
        ScheduledFuture<?> timeout = start.timeout() == null ? null
                : engine.timers().schedule(() -> cancellation.cancel(AttemptState.TIMED_OUT),
                start.timeout().toMillis(), TimeUnit.MILLISECONDS);
        InFlight flight = new InFlight(invocation, cancellation, timeout);
        inFlight.put(id, flight);
        engine.submit(invocation, cancellation, this);
    }

    /**
     * Starts the child run of a step that runs another pipeline, here on the coordinator's thread (starting a run
     * only records it), and then waits for its end without a worker: the end arrives as a message. Cancelling or
     * timing out the attempt cancels the child; the engine stopping stops the child itself.
     */
    private void startChild(RunScheduler.Start start) {
        String id = start.stepId();
        int number = start.attempt();
        Instant began = engine.now();
        Cancellation cancellation = new Cancellation();
        ScheduledFuture<?> timeout = start.timeout() == null ? null
                : engine.timers().schedule(() -> cancellation.cancel(AttemptState.TIMED_OUT),
                start.timeout().toMillis(), TimeUnit.MILLISECONDS);
        inFlight.put(id, new InFlight(null, cancellation, timeout));
        Run child;
        try {
            child = engine.children().start(new RunTrigger(run.id(), id, number), start.inputs(),
                    presets.childToReplay(id));
        } catch (RuntimeException e) {
            LOG.debug("step {} of run {} could not start its child run", id, run.id(), e);
            post(new RunScheduler.Completed(id, number, ChildRunStep.refused(e.getMessage(), began, engine.now())));
            return;
        }
        post(new RunScheduler.ChildStarted(id, number, child.id()));
        if (!ChildRunStep.waits(start.inputs())) {
            post(new RunScheduler.Completed(id, number, ChildRunStep.started(child, began, engine.now())));
            return;
        }
        cancellation.onCancel(() -> {
            // when the engine stops, it stops the child too, which records it as interrupted rather than cancelled
            if (cancellation.reason() != AttemptState.INTERRUPTED) {
                engine.cancel(child.id());
            }
        });
        CompletableFuture<Run> ended = engine.completion(child.id()).orElseGet(() -> CompletableFuture.completedFuture(
                engine.store().findRun(child.id()).orElse(child)));
        ended.whenComplete((childRun, error) -> post(new RunScheduler.Completed(id, number, error != null
                ? ChildRunStep.refused("lost track of child run " + child.id() + ": " + error.getMessage(), began,
                engine.now())
                : ChildRunStep.ended(childRun, cancellation.reason(), began, engine.now()))));
    }

    /** Gives sequence numbers in commit order (the run first unless it ended), commits, queues the events. */
    private void commitAndPublish(List<StepRun> changed, Run changedRun) {
        List<StepRun> stamped = new ArrayList<>(changed.size());
        boolean runFirst = changedRun != null && !changedRun.state().isTerminal();
        if (runFirst) {
            run = changedRun.withSeq(++seq);
        }
        for (StepRun step : changed) {
            stamped.add(step.withSeq(++seq));
        }
        if (changedRun != null && !runFirst) {
            run = changedRun.withSeq(++seq);
        }
        committedAt = engine.store().commitNoWait(new RunStore.Changes(changedRun != null ? List.of(run) : List.of(),
                stamped));
        scheduler.committed(changedRun != null ? run : null, stamped);
        Instant now = engine.now();
        List<RunEvent> events = new ArrayList<>(stamped.size() + 1);
        if (runFirst) {
            events.add(new RunEvent.RunChanged(run, now));
        }
        stamped.forEach(s -> events.add(new RunEvent.StepChanged(s, now)));
        if (changedRun != null && !runFirst) {
            events.add(new RunEvent.RunChanged(run, now));
        }
        engine.publish(committedAt, events);
    }

    private static String safe(String stepId) {
        return stepId.replace('[', '_').replace(']', '_');
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}

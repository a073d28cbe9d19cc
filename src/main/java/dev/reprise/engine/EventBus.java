package dev.reprise.engine;

import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.StepRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Delivers durable run events to listeners, per run and for all runs, on the engine's publishing thread
 * ({@link DurablePublisher}). A listener that throws is logged and kept; listeners must not block: they hold
 * up the events of every run. Thread-safe.
 */
final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private final Map<String, List<Consumer<RunEvent>>> byRun = new ConcurrentHashMap<>();
    private final List<Consumer<RunEvent>> all = new CopyOnWriteArrayList<>();

    void publish(List<RunEvent> events) {
        for (RunEvent event : events) {
            List<Consumer<RunEvent>> listeners = byRun.get(event.runId());
            if (listeners != null) {
                listeners.forEach(l -> deliver(l, event));
            }
            all.forEach(l -> deliver(l, event));
        }
    }

    private static void deliver(Consumer<RunEvent> listener, RunEvent event) {
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            String change = switch (event) {
                case RunEvent.RunChanged(Run run, Instant time) -> "the run changed";
                case RunEvent.StepChanged(StepRun step, Instant time) -> "step " + step.stepId() + " changed";
            };
            LOG.warn("event listener failed on an event of run {} ({})", event.runId(), change, e);
        }
    }

    Runnable add(String runId, Consumer<RunEvent> listener) {
        byRun.computeIfAbsent(runId, id -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> byRun.computeIfPresent(runId, (id, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** Whether anyone listens to the events of run {@code runId}. */
    boolean isHeard(String runId) {
        return !all.isEmpty() || byRun.containsKey(runId);
    }

    Runnable addAll(Consumer<RunEvent> listener) {
        all.add(listener);
        return () -> all.remove(listener);
    }
}

package dev.reprise.run;

import com.fasterxml.jackson.databind.util.StdConverter;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * A {@link RunEvent} as JSON: the run's id, the sequence number, the time, {@code type} {@code RUN} or
 * {@code STEP}, and {@code run} or {@code step} with the other one null. This is the shape the server's event
 * streams have always sent and every client reads, so it is kept as it is; {@code runId} and {@code seq}
 * repeat those of the changed record, from which an event read back takes them. Immutable.
 */
record RunEventJson(String runId, long seq, Instant time, Type type, @Nullable Run run, @Nullable StepRun step) {

    enum Type { RUN, STEP }

    RunEventJson {
        Objects.requireNonNull(type, "type");
        if ((run != null) != (type == Type.RUN) || (step != null) != (type == Type.STEP)) {
            throw new IllegalArgumentException("a RUN event carries a run and no step, a STEP event a step and no run");
        }
    }

    static RunEventJson of(RunEvent event) {
        return switch (event) {
            case RunEvent.RunChanged(Run run, Instant time) ->
                    new RunEventJson(run.id(), run.seq(), time, Type.RUN, run, null);
            case RunEvent.StepChanged(StepRun step, Instant time) ->
                    new RunEventJson(step.runId(), step.seq(), time, Type.STEP, null, step);
        };
    }

    RunEvent toEvent() {
        return switch (type) {
            case RUN -> new RunEvent.RunChanged(run, time);
            case STEP -> new RunEvent.StepChanged(step, time);
        };
    }

    /** What Jackson writes in place of a {@link RunEvent}. */
    static final class FromEvent extends StdConverter<RunEvent, RunEventJson> {
        @Override
        public RunEventJson convert(RunEvent event) {
            return of(event);
        }
    }

    /** How Jackson makes a {@link RunEvent} of what it read. */
    static final class ToEvent extends StdConverter<RunEventJson, RunEvent> {
        @Override
        public RunEvent convert(RunEventJson json) {
            return json.toEvent();
        }
    }
}

package dev.reprise.run;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Instant;
import java.util.Objects;

/**
 * A committed change of a run, published after it was written to the store: the run itself changed
 * ({@link RunChanged}) or one of its step runs did ({@link StepChanged}). Events of one run carry increasing
 * {@code seq} numbers, those of the changed record; a subscriber that lost its connection resumes after the last
 * number it saw. As JSON (the server's event streams) an event is written in the shape of {@code RunEventJson}.
 * Immutable.
 */
@JsonSerialize(converter = RunEventJson.FromEvent.class)
@JsonDeserialize(converter = RunEventJson.ToEvent.class)
public sealed interface RunEvent permits RunEvent.RunChanged, RunEvent.StepChanged {

    String runId();

    long seq();

    Instant time();

    /** The run changed (its state, times, outputs…): {@code run} as it is now. */
    record RunChanged(Run run, Instant time) implements RunEvent {

        public RunChanged {
            Objects.requireNonNull(run, "run");
        }

        @Override
        public String runId() {
            return run.id();
        }

        @Override
        public long seq() {
            return run.seq();
        }
    }

    /** A step run of the run changed: {@code step} as it is now. */
    record StepChanged(StepRun step, Instant time) implements RunEvent {

        public StepChanged {
            Objects.requireNonNull(step, "step");
        }

        @Override
        public String runId() {
            return step.runId();
        }

        @Override
        public long seq() {
            return step.seq();
        }
    }
}

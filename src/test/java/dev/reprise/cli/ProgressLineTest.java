package dev.reprise.cli;

import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The line rewritten in place on a terminal while a run is awaited. */
class ProgressLineTest {

    private static final Instant START = Instant.parse("2024-03-01T12:00:00Z");

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = START;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final StringWriter written = new StringWriter();
    private final MovingClock clock = new MovingClock();
    private final Run running = Run.queued("r-1", "trips", 1, null, Map.of(), Map.of(), Map.of(), START)
            .toBuilder().state(RunState.RUNNING).startedAt(START).build();
    private final StepTally tally = new StepTally(running, List.of("fetch", "parse", "count"));

    private ProgressLine line(int width) {
        return new ProgressLine(new PrintWriter(written), new Screen(true, width, false), clock, Duration.ofMillis(250));
    }

    private void step(String stepId, StepState state) {
        tally.add(new RunEvent.StepChanged(new StepRun("r-1", stepId, stepId, -1, state, Map.of(), Map.of(),
                null, List.of(), null, null, null, 0), START));
    }

    @Test
    void showsStepsDoneOfAllFailedAndTimeSinceTheStart() {
        ProgressLine line = line(80);
        step("fetch", StepState.SUCCEEDED);
        step("parse", StepState.FAILED);
        clock.now = START.plusMillis(3400);

        line.show(tally);

        assertThat(written.toString()).isEqualTo("\rrun r-1  RUNNING  2/3 steps  1 failed  3.4s");
    }

    @Test
    void drawsAtMostOncePerInterval() {
        ProgressLine line = line(80);
        line.show(tally);
        clock.now = START.plusMillis(100);
        step("fetch", StepState.SUCCEEDED);
        line.show(tally);
        String once = written.toString();
        clock.now = START.plusMillis(250);
        line.show(tally);

        assertThat(once).isEqualTo("\rrun r-1  RUNNING  0/3 steps  0 failed  0ms");
        assertThat(written.toString()).isEqualTo(once + "\rrun r-1  RUNNING  1/3 steps  0 failed  250ms");
    }

    @Test
    void aShorterLineCoversWhatTheLongerOneLeft() {
        ProgressLine line = line(80);
        clock.now = START.plusMillis(999);
        line.show(tally);
        clock.now = START.plusMillis(1500);
        line.show(tally);

        String second = written.toString().substring(written.toString().lastIndexOf('\r'));
        assertThat(second).isEqualTo("\rrun r-1  RUNNING  0/3 steps  0 failed  1.5s ");
    }

    @Test
    void isCutToOneColumnLessThanTheScreenSoThatItNeverWraps() {
        line(20).show(tally);

        assertThat(written.toString()).isEqualTo("\rrun r-1  RUNNING  …");
    }

    @Test
    void clearingBlanksTheLineAndLeavesTheCursorAtItsStart() {
        ProgressLine line = line(80);
        line.show(tally);
        int shown = written.toString().length() - 1;

        line.clear();
        line.clear();

        assertThat(written.toString()).endsWith("\r" + " ".repeat(shown) + "\r");
        assertThat(written.toString()).containsOnlyOnce(" ".repeat(shown) + "\r");
    }
}

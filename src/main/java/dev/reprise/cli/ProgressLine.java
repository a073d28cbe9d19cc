package dev.reprise.cli;

import dev.reprise.run.Run;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One line on a terminal that tells how a run awaited goes — its state, steps done of all, how many failed, the
 * time since it started — rewritten in place (a carriage return, then spaces over what was longer) at most once
 * per {@code every}, and cut to the screen's width so that it never wraps (a wrapped line cannot be rewritten).
 * {@link #clear} leaves the line empty for what is printed next. Thread-safe: a stop notice may clear it from a
 * shutdown hook while the follower draws.
 */
final class ProgressLine {

    private final PrintWriter out;
    private final Screen screen;
    private final Clock clock;
    private final Duration every;
    private Instant drawn;
    private int shown;

    ProgressLine(PrintWriter out, Screen screen, Clock clock, Duration every) {
        this.out = out;
        this.screen = screen;
        this.clock = clock;
        this.every = every;
    }

    /** Draws {@code tally} over the line, unless it was drawn less than {@code every} ago. */
    synchronized void show(StepTally tally) {
        Instant now = clock.instant();
        if (drawn != null && Duration.between(drawn, now).compareTo(every) < 0) {
            return;
        }
        drawn = now;
        String text = Screen.fit(text(tally, now), Math.max(1, screen.width() - 1));
        int length = Screen.visibleLength(text);
        out.print("\r" + text + " ".repeat(Math.max(0, shown - length)));
        out.flush();
        shown = length;
    }

    /** Empties the line, leaving the cursor at its start; nothing when it is empty. */
    synchronized void clear() {
        if (shown > 0) {
            out.print("\r" + " ".repeat(shown) + "\r");
            out.flush();
            shown = 0;
        }
    }

    private String text(StepTally tally, Instant now) {
        Run run = tally.run();
        Instant since = run.startedAt() != null ? run.startedAt() : run.createdAt();
        Duration elapsed = since == null || since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
        return "run " + run.id() + "  " + screen.state(run.state()) + "  " + tally.count() + " steps  "
                + tally.failed() + " failed  " + Format.duration(elapsed);
    }
}

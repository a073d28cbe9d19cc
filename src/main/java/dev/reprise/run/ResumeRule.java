package dev.reprise.run;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The rule by which a subscriber resuming after sequence number n gets each change once: an event is new if its
 * number is above n and above the last one delivered for the same run or step. A catch-up read may hold changes
 * whose events are still on their way, and a resumed stream may repeat some; both pass through this rule, in
 * the engine and in the client alike. Not thread-safe: its owner delivers under a lock of its own.
 */
public final class ResumeRule {

    private static final String RUN_KEY = "";

    private final long afterSeq;
    private final Map<String, Long> lastDelivered = new HashMap<>();
    private long highest;

    public ResumeRule(long afterSeq) {
        this.afterSeq = afterSeq;
        this.highest = afterSeq;
    }

    /** Whether {@code event} is new to this subscriber; if it is, it counts as delivered. */
    public boolean admit(RunEvent event) {
        if (event.seq() <= afterSeq) {
            return false;
        }
        String key = switch (event) {
            case RunEvent.RunChanged(Run run, Instant time) -> RUN_KEY;
            case RunEvent.StepChanged(StepRun step, Instant time) -> step.stepId();
        };
        Long last = lastDelivered.get(key);
        if (last != null && event.seq() <= last) {
            return false;
        }
        lastDelivered.put(key, event.seq());
        highest = Math.max(highest, event.seq());
        return true;
    }

    /** The highest number admitted so far (the resume point when nothing was). */
    public long highest() {
        return highest;
    }

    public long afterSeq() {
        return afterSeq;
    }
}

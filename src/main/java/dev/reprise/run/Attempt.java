package dev.reprise.run;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * One try of a step. {@code queuedAt} is when the engine handed it to a worker, {@code startedAt} when a
 * worker began it (the gap is queue time), {@code endedAt} when it ended. {@code hasLog} tells whether the
 * attempt wrote anything to its log. {@code fingerprint} identifies the code that ran (app version,
 * plugin jar hash or the hash of a shell step's resolved definition). {@code fix} is what would fix a failed
 * attempt, when its step could tell (see {@link SuggestedFix}). {@code childRunId} is the run an attempt of a
 * step that runs another pipeline started (null for other steps, and before the child was recorded).
 */
public record Attempt(
        int number,
        AttemptState state,
        @Nullable Instant queuedAt,
        @Nullable Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable Integer exitCode,
        @Nullable String error,
        @Nullable String fingerprint,
        boolean hasLog,
        @Nullable SuggestedFix fix,
        @Nullable String childRunId) {

    /** An attempt that started no other run. */
    public Attempt(int number, AttemptState state, Instant queuedAt, Instant startedAt, Instant endedAt,
                   Integer exitCode, String error, String fingerprint, boolean hasLog, SuggestedFix fix) {
        this(number, state, queuedAt, startedAt, endedAt, exitCode, error, fingerprint, hasLog, fix, null);
    }

    public static Attempt queued(int number, Instant at, String fingerprint) {
        return new Attempt(number, AttemptState.RUNNING, at, null, null, null, null, fingerprint, false, null, null);
    }

    /** This attempt, which started run {@code childId}. */
    public Attempt withChild(String childId) {
        return new Attempt(number, state, queuedAt, startedAt, endedAt, exitCode, error, fingerprint, hasLog, fix,
                childId);
    }

    public Attempt ended(AttemptState state, Instant startedAt, Instant endedAt, Integer exitCode,
                         String error, boolean hasLog) {
        return ended(state, startedAt, endedAt, exitCode, error, hasLog, null);
    }

    public Attempt ended(AttemptState state, Instant startedAt, Instant endedAt, Integer exitCode,
                         String error, boolean hasLog, SuggestedFix fix) {
        return new Attempt(number, state, queuedAt, startedAt, endedAt, exitCode, error, fingerprint, hasLog, fix,
                childRunId);
    }
}

package dev.reprise.flow;

import java.time.Duration;

/**
 * How often a step is tried and how long to wait between tries: the wait before try n+1 is
 * {@code backoff * factor^(n-1)}, capped at {@code maxBackoff}. {@code attempts} counts every try, so 1
 * means no retry.
 */
public record RetryPolicy(int attempts, Duration backoff, double factor, Duration maxBackoff) {

    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        backoff = backoff == null ? Duration.ZERO : backoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
        if (factor < 1.0) {
            factor = 1.0;
        }
    }

    /** The wait before the attempt that follows attempt {@code failedAttempt}. */
    public Duration delayAfter(int failedAttempt) {
        double millis = backoff.toMillis() * Math.pow(factor, Math.max(0, failedAttempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}

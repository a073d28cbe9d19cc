package dev.reprise.testing;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting in tests for what another process or thread brings about, polling every 50 ms for up to a minute. */
public final class Eventually {

    private Eventually() {
    }

    /** Waits until {@code condition} holds; fails naming {@code what} after a minute. */
    public static void waitFor(String what, Supplier<Boolean> condition) {
        waitFor(what, condition, Boolean::booleanValue);
    }

    /** Waits until {@code value} gives what {@code done} accepts, and returns it; fails naming {@code what} after a minute. */
    public static <T> T waitFor(String what, Supplier<T> value, Predicate<T> done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            T current = value.get();
            if (done.test(current)) {
                return current;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + "; last: " + current);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

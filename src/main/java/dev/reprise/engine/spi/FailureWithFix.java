package dev.reprise.engine.spi;

import java.util.Objects;

/**
 * Thrown by a {@link StepHandler} that knows what would have made its step succeed: the attempt fails with
 * {@link #getMessage()} as its error, as for any exception, and carries a suggested fix: give the step's input
 * {@link #input()} the value {@link #suggested()} instead of {@link #current()} (null: the input was not given).
 * Values are plain Java values as a handler's outputs are (strings, numbers, lists, maps). {@link #summary()}
 * says in a few words why the suggested value fits, e.g. "the values match yyyy-MM-dd'T'HH:mm:ss".
 * Immutable.
 */
public final class FailureWithFix extends Exception {

    private final String summary;
    private final String input;
    private final transient Object current;
    private final transient Object suggested;

    public FailureWithFix(String message, String summary, String input, Object current, Object suggested,
                          Throwable cause) {
        super(message, cause);
        this.summary = Objects.requireNonNull(summary, "summary");
        this.input = Objects.requireNonNull(input, "input");
        this.current = current;
        this.suggested = Objects.requireNonNull(suggested, "suggested");
    }

    public String summary() {
        return summary;
    }

    public String input() {
        return input;
    }

    public Object current() {
        return current;
    }

    public Object suggested() {
        return suggested;
    }
}

package dev.reprise.run;

import java.util.List;

/**
 * Which steps a replay executes. {@code WHOLE}: every step again. {@code FROM}: one step and everything
 * downstream of it, upstream reused. {@code ONLY}: just the given steps (or step instances such as
 * {@code train[1]}), their inputs taken from the source run, nothing downstream. {@code FAILED}: the steps that
 * did not succeed (failed, cancelled, interrupted, skipped or never run) and their downstream; the rest reused.
 */
public record ReplayScope(Kind kind, List<String> steps) {

    public enum Kind { WHOLE, FROM, ONLY, FAILED }

    public ReplayScope {
        if (kind == null) {
            throw new IllegalArgumentException("a replay scope needs a kind (WHOLE, FROM, ONLY or FAILED)");
        }
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public static ReplayScope whole() {
        return new ReplayScope(Kind.WHOLE, List.of());
    }

    public static ReplayScope from(String step) {
        return new ReplayScope(Kind.FROM, List.of(step));
    }

    public static ReplayScope only(String... steps) {
        return new ReplayScope(Kind.ONLY, List.of(steps));
    }

    public static ReplayScope failed() {
        return new ReplayScope(Kind.FAILED, List.of());
    }

    @Override
    public String toString() {
        return switch (kind) {
            case WHOLE -> "the whole run";
            case FAILED -> "the failed part";
            case FROM -> "from " + String.join(", ", steps);
            case ONLY -> "only " + String.join(", ", steps);
        };
    }
}

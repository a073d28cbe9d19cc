package dev.reprise.ui.gantt;

import dev.reprise.run.StepState;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * How the charts summarise several step states in one colour: the state of a collapsed fan-out, and the
 * colour of a pixel or span that holds several steps. Pure and thread-safe.
 */
public final class StepStates {

    /** Higher means more worth seeing when states share one pixel or span. */
    private static final Map<StepState, Integer> SALIENCE = new EnumMap<>(Map.of(
            StepState.FAILED, 9,
            StepState.INTERRUPTED, 8,
            StepState.CANCELLED, 7,
            StepState.RUNNING, 6,
            StepState.RETRYING, 5,
            StepState.SUCCEEDED, 4,
            StepState.REUSED, 3,
            StepState.SKIPPED, 2,
            StepState.PENDING, 1));

    private StepStates() {
    }

    public static int salience(StepState state) {
        return SALIENCE.get(state);
    }

    /** The more salient of two states. */
    public static StepState worse(StepState a, StepState b) {
        return salience(a) >= salience(b) ? a : b;
    }

    /**
     * The state of a fan-out as a whole: running while any instance is active (or some have ended and
     * others wait), otherwise the most salient terminal outcome; pending when it has no instances yet.
     */
    public static StepState aggregate(Collection<StepState> states) {
        return aggregate(counts(states));
    }

    /** {@link #aggregate(Collection)} of states given as counts per state. */
    public static StepState aggregate(Map<StepState, Integer> counts) {
        int total = 0;
        StepState worst = null;
        for (Map.Entry<StepState, Integer> entry : counts.entrySet()) {
            total += entry.getValue();
            StepState state = entry.getKey();
            if (state != StepState.PENDING && state != StepState.RUNNING && state != StepState.RETRYING) {
                worst = worst == null ? state : worse(worst, state);
            }
        }
        if (total == 0) {
            return StepState.PENDING;
        }
        if (counts.getOrDefault(StepState.RUNNING, 0) > 0) {
            return StepState.RUNNING;
        }
        if (counts.getOrDefault(StepState.RETRYING, 0) > 0) {
            return StepState.RETRYING;
        }
        int pending = counts.getOrDefault(StepState.PENDING, 0);
        if (pending > 0) {
            return pending == total ? StepState.PENDING : StepState.RUNNING;
        }
        return worst;
    }

    /** Counts per state, in the enum's order, for a fan-out's mini summary. */
    public static Map<StepState, Integer> counts(Collection<StepState> states) {
        Map<StepState, Integer> counts = new EnumMap<>(StepState.class);
        states.forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }
}

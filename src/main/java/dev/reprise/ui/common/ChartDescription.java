package dev.reprise.ui.common;

import dev.reprise.run.Attempt;
import dev.reprise.run.Run;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a chart of one run says to a screen reader, which sees no pixels: the chart as a whole ("Gantt chart of
 * run r-1: 8 steps, 7 succeeded, 1 failed") and the selected step ("Step parse: failed after 1.2 s,
 * attempt 2"), or a fan-out step's instances counted by state. It follows the run as the charts do, whole
 * ({@link #show}) or by the step runs that changed ({@link #apply}), at the cost of the changes: the counts are
 * kept, not recounted. Pure; one thread at a time (the FX thread).
 */
public final class ChartDescription {

    private static final StepState[] STATES = StepState.values();

    private final String chartName;
    private final Map<String, StepRun> steps = new HashMap<>();
    /** Step runs by state, indexed by {@link StepState#ordinal()}: kept unboxed, as a run may have 10,000. */
    private final int[] counts = new int[STATES.length];
    private final Map<String, int[]> countsByName = new HashMap<>();
    private String runId;

    /** @param chartName what the chart is called, such as "Gantt chart" */
    public ChartDescription(String chartName) {
        this.chartName = chartName;
    }

    /** Takes run {@code run} as it is now, with all of its step runs. */
    public void show(Run run, Collection<StepRun> all) {
        steps.clear();
        Arrays.fill(counts, 0);
        countsByName.clear();
        runId = run.id();
        apply(all);
    }

    /** Takes the run as it is now, given the step runs that changed since it was last taken. */
    public void apply(Collection<StepRun> changed) {
        for (StepRun step : changed) {
            StepRun before = steps.put(step.stepId(), step);
            if (before != null) {
                count(before, -1);
            }
            count(step, 1);
        }
    }

    private void count(StepRun step, int delta) {
        counts[step.state().ordinal()] += delta;
        if (step.isFanOutInstance()) {
            countsByName.computeIfAbsent(step.stepName(), n -> new int[STATES.length])[step.state().ordinal()] += delta;
        }
    }

    /** Whether run {@code runId} is the one taken last, so that its changes are enough to follow it. */
    public boolean follows(String runId) {
        return runId != null && runId.equals(this.runId);
    }

    /** The chart as a whole; "Gantt chart, no run shown" before a run is shown. */
    public String chart() {
        if (runId == null) {
            return chartName + ", no run shown";
        }
        int total = steps.size();
        return chartName + " of run " + runId + ": " + total
                + (total == 1 ? " step" : " steps") + byState(counts);
    }

    /**
     * The step selected by {@code stepId} (an instance id, a step's name, or a fan-out step's name, which stands
     * for its instances); the whole chart when nothing or an unknown step is selected. A running step says when
     * it started, not for how long it has run: words that changed on every frame would be read out on every frame.
     */
    public String selected(String stepId) {
        if (stepId == null || !steps.containsKey(stepId) && !countsByName.containsKey(stepId)) {
            return chart();
        }
        return step(stepId);
    }

    /**
     * One step of the chart as a screen reader reads an item of it: a step instance, a fan-out step's instances
     * counted, or, for a step of the flow the run has not reached, that it is pending.
     */
    public String step(String stepId) {
        StepRun step = steps.get(stepId);
        if (step != null) {
            return "Step " + stepId + ": " + describe(step);
        }
        int[] instances = countsByName.get(stepId);
        if (instances != null) {
            int total = Arrays.stream(instances).sum();
            return "Step " + stepId + ": " + total + (total == 1 ? " instance" : " instances") + byState(instances);
        }
        return "Step " + stepId + ": " + word(StepState.PENDING.name());
    }

    private static String describe(StepRun step) {
        StringBuilder text = new StringBuilder(word(step.state().name()));
        if (step.reusedFrom() != null) {
            return text.append(" from run ").append(step.reusedFrom().runId()).toString();
        }
        Attempt last = step.lastAttempt();
        Instant started = last != null && last.startedAt() != null ? last.startedAt() : step.startedAt();
        Instant ended = last != null && last.startedAt() != null ? last.endedAt() : step.endedAt();
        if (started != null && ended == null) {
            text.append(" since ").append(Formats.time(started));
        } else if (started != null) {
            text.append(" after ").append(Formats.duration(started, ended, ended));
        }
        if (last != null) {
            text.append(", attempt ").append(last.number());
        }
        return text.toString();
    }

    private static String byState(int[] counts) {
        StringBuilder text = new StringBuilder();
        for (StepState state : STATES) {
            if (counts[state.ordinal()] > 0) {
                text.append(", ").append(counts[state.ordinal()]).append(' ').append(word(state.name()));
            }
        }
        return text.toString();
    }

    private static String word(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}

package dev.reprise.cli;

import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * How far a run has got, counted from its events as a follower hears them: how many step instances have ended,
 * how many failed, and of how many. The engine creates a step's instances only when the step is reached (a
 * fan-out's once its list is known), so while the run goes on a step of the flow not yet reached counts as one;
 * once the run has ended the total is the instances it had. Not thread-safe: one follower feeds and reads it.
 */
final class StepTally {

    private final Set<String> flowSteps;
    private final Map<String, StepRun> steps = new HashMap<>();
    private final Map<String, Integer> instancesOfStep = new HashMap<>();
    private Run run;
    private int done;
    private int failed;

    /** A tally of {@code started}, a run of a flow with {@code flowSteps} (empty when they are not known). */
    StepTally(Run started, Collection<String> flowSteps) {
        this.run = started;
        this.flowSteps = new LinkedHashSet<>(flowSteps);
    }

    void add(RunEvent event) {
        switch (event) {
            case RunEvent.RunChanged(Run changed, Instant time) -> run = changed;
            case RunEvent.StepChanged(StepRun step, Instant time) -> {
                StepRun before = steps.put(step.stepId(), step);
                if (before == null) {
                    instancesOfStep.merge(step.stepName(), 1, Integer::sum);
                } else {
                    count(before, -1);
                }
                count(step, 1);
            }
        }
    }

    /** Counted as kept up on each event, so that a line per event of a large run costs no walk over its steps. */
    private void count(StepRun step, int sign) {
        if (step.state().isTerminal()) {
            done += sign;
        }
        if (step.state() == StepState.FAILED) {
            failed += sign;
        }
    }

    /** The run as its last event had it. */
    Run run() {
        return run;
    }

    /** Step instances that have ended, in any way. */
    int done() {
        return done;
    }

    int failed() {
        return failed;
    }

    /** The instances heard of, and one for each step of the flow not reached yet while the run goes on. */
    int total() {
        if (run.state().isTerminal()) {
            return steps.size();
        }
        int notReached = (int) flowSteps.stream().filter(name -> !instancesOfStep.containsKey(name)).count();
        return steps.size() + notReached;
    }

    /** {@code done/total}, as the follow lines and the progress line show it. */
    String count() {
        return done() + "/" + total();
    }
}

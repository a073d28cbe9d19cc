package dev.reprise.workspace;

import dev.reprise.run.Run;
import dev.reprise.run.StepRun;

import java.util.List;

/** A run with its step runs, in the order they were first recorded. */
public record RunDetail(Run run, List<StepRun> steps) {

    public RunDetail {
        steps = List.copyOf(steps);
    }

    public StepRun step(String stepId) {
        return steps.stream().filter(s -> s.stepId().equals(stepId)).findFirst()
                .orElseThrow(() -> new NotFoundException("run " + run.id() + " has no step '" + stepId + "'"));
    }
}

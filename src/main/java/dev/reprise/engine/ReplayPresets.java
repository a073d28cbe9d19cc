package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.Attempt;
import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayPlan.Action;
import dev.reprise.run.ReplayPlan.PlannedStep;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.StepRun;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a replay's coordinator needs from its plan: the decision for each step or instance, the source step
 * runs whose outputs are reused, the input overrides and injected outputs, and where attempt numbers go on
 * from. {@link #NONE} is a fresh run: everything executes, attempts start at 1. Immutable.
 */
final class ReplayPresets {

    static final ReplayPresets NONE = new ReplayPresets(Map.of(), Map.of(), Map.of(), Map.of());

    private final Map<String, PlannedStep> decisions;
    private final Map<String, StepRun> sourceSteps;
    private final Map<String, Map<String, JsonNode>> inputOverrides;
    private final Map<String, Map<String, JsonNode>> outputOverrides;

    private ReplayPresets(Map<String, PlannedStep> decisions, Map<String, StepRun> sourceSteps,
                          Map<String, Map<String, JsonNode>> inputOverrides,
                          Map<String, Map<String, JsonNode>> outputOverrides) {
        this.decisions = decisions;
        this.sourceSteps = sourceSteps;
        this.inputOverrides = inputOverrides;
        this.outputOverrides = outputOverrides;
    }

    /** A fresh run whose steps take these inputs over what their templates give (a snapshot's run). */
    static ReplayPresets withInputs(Map<String, Map<String, JsonNode>> stepInputs) {
        return stepInputs.isEmpty() ? NONE : new ReplayPresets(Map.of(), Map.of(), Map.copyOf(stepInputs), Map.of());
    }

    static ReplayPresets of(ReplayPlan plan, List<StepRun> sourceSteps, ReplayRequest request) {
        Map<String, PlannedStep> decisions = new HashMap<>();
        plan.steps().forEach(step -> decisions.put(step.stepId(), step));
        Map<String, StepRun> steps = new HashMap<>();
        sourceSteps.forEach(step -> steps.put(step.stepId(), step));
        return new ReplayPresets(decisions, steps, request.stepInputOverrides(), request.outputOverrides());
    }

    /** The decision for an instance (or, failing that, for its step); null in a fresh run. */
    PlannedStep decision(String stepId, String stepName) {
        PlannedStep decision = decisions.get(stepId);
        return decision != null ? decision : decisions.get(stepName);
    }

    boolean omits(String stepName) {
        PlannedStep decision = decisions.get(stepName);
        return decision != null && decision.action() == Action.OMIT;
    }

    /** The child run whose failed part the instance's new child replays, as the plan says; null: a new child. */
    String childToReplay(String stepId) {
        PlannedStep decision = decisions.get(stepId);
        return decision == null ? null : decision.replaysChild();
    }

    /** The source run's record of a step instance, if it had one. */
    StepRun source(String stepId) {
        return sourceSteps.get(stepId);
    }

    /** The attempt number the source run's instance reached, so that this run's attempts go on from it. */
    int attemptBase(String stepId) {
        StepRun source = sourceSteps.get(stepId);
        if (source == null) {
            return 0;
        }
        Attempt last = source.lastAttempt();
        return last == null ? 0 : last.number();
    }

    /** The inputs a request replaces for this instance: those given for its step, then those for the instance. */
    Map<String, JsonNode> inputOverrides(String stepId, String stepName) {
        Map<String, JsonNode> merged = new LinkedHashMap<>(inputOverrides.getOrDefault(stepName, Map.of()));
        if (!stepId.equals(stepName)) {
            merged.putAll(inputOverrides.getOrDefault(stepId, Map.of()));
        }
        return merged;
    }

    Map<String, JsonNode> injectedOutputs(String stepId) {
        return outputOverrides.getOrDefault(stepId, Map.of());
    }
}

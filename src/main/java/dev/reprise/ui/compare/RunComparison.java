package dev.reprise.ui.compare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Json;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.workspace.RunDetail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two runs side by side, left (usually the source) and right (usually its replay): their parameters,
 * flow outputs and, step by step, states, durations, inputs and outputs, each marked the same or not.
 * JSON values compare by value (7 equals 7.0), files by their SHA-256, never by name or place. A pure
 * function of the two {@link RunDetail}s: immutable and thread-safe, built off the FX thread.
 */
public record RunComparison(RunDetail left, RunDetail right, List<Value> parameters, List<Value> outputs,
                            List<Step> steps) {

    /** How a value or step on the right relates to the left. */
    public enum Change { SAME, CHANGED, ONLY_LEFT, ONLY_RIGHT }

    /** A named value on each side; null on a side that does not have it. */
    public record Value(String name, JsonNode left, JsonNode right, Change change) {
        public boolean differs() {
            return change != Change.SAME;
        }
    }

    /**
     * One step instance on each side (null on a side that does not have it), with how long it ran there
     * (null when it did not run: reused, skipped or never started).
     */
    public record Step(String stepId, StepRun left, StepRun right, Duration leftDuration, Duration rightDuration,
                       List<Value> inputs, List<Value> outputs) {

        public Step {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }

        public Change change() {
            if (left == null) {
                return Change.ONLY_RIGHT;
            }
            if (right == null) {
                return Change.ONLY_LEFT;
            }
            return stateDiffers() || inputs.stream().anyMatch(Value::differs) || outputs.stream().anyMatch(Value::differs)
                    ? Change.CHANGED : Change.SAME;
        }

        public boolean stateDiffers() {
            return left != null && right != null && left.state() != right.state();
        }

        /** Right minus left, when the step ran on both sides. */
        public Duration delta() {
            return leftDuration == null || rightDuration == null ? null : rightDuration.minus(leftDuration);
        }
    }

    public RunComparison {
        parameters = List.copyOf(parameters);
        outputs = List.copyOf(outputs);
        steps = List.copyOf(steps);
    }

    public static RunComparison of(RunDetail left, RunDetail right) {
        List<Step> steps = new ArrayList<>();
        Map<String, StepRun> rightSteps = new LinkedHashMap<>();
        right.steps().forEach(s -> rightSteps.put(s.stepId(), s));
        for (String id : stepOrder(left.steps(), right.steps())) {
            StepRun l = left.steps().stream().filter(s -> s.stepId().equals(id)).findFirst().orElse(null);
            StepRun r = rightSteps.get(id);
            steps.add(new Step(id, l, r, ran(l), ran(r),
                    values(l == null ? Map.of() : l.inputs(), r == null ? Map.of() : r.inputs()),
                    values(l == null ? Map.of() : l.outputs(), r == null ? Map.of() : r.outputs())));
        }
        return new RunComparison(left, right, values(left.run().parameters(), right.run().parameters()),
                values(left.run().outputs(), right.run().outputs()), steps);
    }

    /** The left's steps in their order, with steps only on the right placed after the step before them there. */
    private static List<String> stepOrder(List<StepRun> left, List<StepRun> right) {
        List<String> order = new ArrayList<>(left.stream().map(StepRun::stepId).toList());
        Set<String> known = new LinkedHashSet<>(order);
        String previous = null;
        for (StepRun step : right) {
            if (known.add(step.stepId())) {
                int at = previous == null ? 0 : order.indexOf(previous) + 1;
                order.add(at, step.stepId());
            }
            previous = step.stepId();
        }
        return order;
    }

    private static Duration ran(StepRun step) {
        if (step == null || step.state() == StepState.REUSED || step.startedAt() == null || step.endedAt() == null) {
            return null;
        }
        return Duration.between(step.startedAt(), step.endedAt());
    }

    private static List<Value> values(Map<String, JsonNode> left, Map<String, JsonNode> right) {
        Set<String> names = new LinkedHashSet<>(left.keySet());
        names.addAll(right.keySet());
        List<Value> values = new ArrayList<>();
        for (String name : names) {
            JsonNode l = left.get(name);
            JsonNode r = right.get(name);
            Change change = l == null ? Change.ONLY_RIGHT : r == null ? Change.ONLY_LEFT
                    : sameValue(l, r) ? Change.SAME : Change.CHANGED;
            values.add(new Value(name, l, r, change));
        }
        return values;
    }

    /** Whether two values are the same: files by SHA-256, numbers by value, lists and objects element by element. */
    public static boolean sameValue(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (ArtifactRef.isRef(a) || ArtifactRef.isRef(b)) {
            return ArtifactRef.isRef(a) && ArtifactRef.isRef(b)
                    && a.get(ArtifactRef.KEY).asText().equals(b.get(ArtifactRef.KEY).asText());
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!b.has(name) || !sameValue(a.get(name), b.get(name))) {
                    return false;
                }
            }
            return true;
        }
        return Json.same(a, b);
    }

    /** Parameters, outputs and steps that differ, counted. */
    public int differences() {
        return (int) (parameters.stream().filter(Value::differs).count()
                + outputs.stream().filter(Value::differs).count()
                + steps.stream().filter(s -> s.change() != Change.SAME).count());
    }

    public boolean sameRevision() {
        return left.run().flowId().equals(right.run().flowId()) && left.run().revision() == right.run().revision();
    }

    public Step step(String stepId) {
        return steps.stream().filter(s -> s.stepId().equals(stepId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + stepId + " in the comparison"));
    }

    public Value parameter(String name) {
        return parameters.stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter " + name + " in the comparison"));
    }
}

package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.flow.InputType;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Run;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The step type that runs another pipeline: what it takes and how its attempt ends. Its attempts do not run on
 * a worker: the run's coordinator starts the child through {@link ChildRuns} and, unless {@code wait} is false,
 * waits for the child's end without holding a place, then ends the attempt with the child's state and, when it
 * succeeded, the child's flow outputs as the step's outputs (plus {@value #RUN_ID}, the child's id, unless the
 * child declares an output of that name). Stateless.
 */
final class ChildRunStep {

    static final String TYPE = "flow.run";
    static final String RUN_ID = "run_id";

    static final StepTypeInfo INFO = new StepTypeInfo(TYPE, inputs(), Set.of(), false,
            "Runs another pipeline: a snapshot (snapshot:), the latest snapshot of a flow (snapshot_of:) or a "
                    + "flow (flow:, with revision:), with inputs: and step_inputs:; it waits for the child run "
                    + "and ends as it did, with its flow outputs (wait: false only starts it)",
            List.of("snapshot", "snapshot_of", "flow"));

    private static Map<String, InputType> inputs() {
        Map<String, InputType> inputs = new LinkedHashMap<>();
        inputs.put("snapshot", InputType.STRING);
        inputs.put("snapshot_of", InputType.STRING);
        inputs.put("flow", InputType.STRING);
        inputs.put("revision", InputType.INTEGER);
        inputs.put("inputs", InputType.JSON);
        inputs.put("step_inputs", InputType.JSON);
        inputs.put("wait", InputType.BOOLEAN);
        inputs.put("name", InputType.STRING);
        inputs.put("labels", InputType.JSON);
        return inputs;
    }

    private ChildRunStep() {
    }

    /** The code of this step is the app's: it changes with the app version only. */
    static String fingerprint(String appVersion) {
        return "builtin:" + TYPE + "@" + appVersion;
    }

    /** Whether the step waits for its child: yes unless its {@code wait} input is false. */
    static boolean waits(Map<String, JsonNode> inputs) {
        JsonNode wait = inputs.get("wait");
        return wait == null || wait.isNull() || wait.asBoolean(true);
    }

    /** The outcome of an attempt that started {@code child} and does not wait for it. */
    static StepOutcome started(Run child, Instant startedAt, Instant at) {
        return new StepOutcome(AttemptState.SUCCEEDED, Map.of(RUN_ID, TextNode.valueOf(child.id())), null, null,
                startedAt, at, false);
    }

    /** The outcome of an attempt whose child ended as {@code child}; {@code stopped} is why it was stopped, or null. */
    static StepOutcome ended(Run child, AttemptState stopped, Instant startedAt, Instant at) {
        String what = "child run " + child.id() + " of flow " + child.flowId();
        return switch (child.state()) {
            case SUCCEEDED -> {
                Map<String, JsonNode> outputs = new LinkedHashMap<>();
                outputs.put(RUN_ID, TextNode.valueOf(child.id()));
                outputs.putAll(child.outputs());
                yield new StepOutcome(AttemptState.SUCCEEDED, outputs, null, null, startedAt, at, false);
            }
            case CANCELLED -> stopped == AttemptState.TIMED_OUT
                    ? new StepOutcome(AttemptState.TIMED_OUT, Map.of(), null, "timed out: " + what + " was cancelled",
                    startedAt, at, false)
                    : new StepOutcome(AttemptState.CANCELLED, Map.of(), null, what + " was cancelled", startedAt, at,
                    false);
            case INTERRUPTED -> new StepOutcome(AttemptState.INTERRUPTED, Map.of(), null, what + " was interrupted: "
                    + child.error(), startedAt, at, false);
            default -> new StepOutcome(AttemptState.FAILED, Map.of(), null, what + " failed"
                    + (child.error() == null ? "" : ": " + child.error()), startedAt, at, false);
        };
    }

    /** The outcome of an attempt whose child could not be started. */
    static StepOutcome refused(String why, Instant startedAt, Instant at) {
        return new StepOutcome(AttemptState.FAILED, Map.of(), null, why, startedAt, at, false);
    }
}

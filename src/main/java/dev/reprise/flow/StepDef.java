package dev.reprise.flow;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a flow as written: its {@code type}, its {@code inputs} (JSON values whose strings may hold
 * {@code {{ … }}} templates), explicit {@code needs}, an optional {@code foreach} template that fans the step
 * out over a list, retry and timeout (null: none), for {@code shell} steps the {@code run} script or
 * {@code command} argv, and extra {@code env}. For {@code python} steps: the inline {@code script}, or a
 * {@code file} of the flow folder, or a {@code function} ({@code module:name}), and {@code python}, the
 * interpreter: the step's own, else the flow's (null: {@code $REPRISE_PYTHON}, else {@code python3} on the PATH).
 * {@code files} are globs of the flow folder's files that the step uses (empty: all of them), which its working
 * folder holds and its code fingerprint covers. {@code pos} is where the step is declared and
 * {@code inputPositions} where each input value is.
 */
public record StepDef(
        String id,
        String type,
        Map<String, JsonNode> inputs,
        List<String> needs,
        String foreach,
        RetryPolicy retry,
        Duration timeout,
        String run,
        List<String> command,
        Map<String, String> env,
        String script,
        String file,
        String function,
        String python,
        List<String> files,
        SourcePos pos,
        Map<String, SourcePos> inputPositions) {

    public StepDef {
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        needs = needs == null ? List.of() : List.copyOf(needs);
        retry = retry == null ? RetryPolicy.NONE : retry;
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
        files = files == null ? List.of() : List.copyOf(files);
        inputPositions = inputPositions == null ? Map.of() : Map.copyOf(inputPositions);
    }

    public boolean isFanOut() {
        return foreach != null;
    }

    public SourcePos inputPos(String input) {
        return inputPositions.getOrDefault(input, pos);
    }
}

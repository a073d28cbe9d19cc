package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.FlowFile;
import dev.reprise.flow.StepDef;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything an executor needs to run one attempt: the step's definition, its resolved inputs (file
 * inputs as artifact references), the run's environment overrides, where to write the log (asked only
 * when something is written, so that quiet steps leave no file) and a private working folder, which holds
 * {@code code}, the files of the flow's revision that the step uses (all of them unless the step names its own
 * with {@code files:}; none for a flow file alone), when the attempt starts.
 */
public record StepInvocation(String runId, String stepId, int attempt, StepDef step, Map<String, JsonNode> inputs,
                             Map<String, String> env, Supplier<Path> logFile, Path workDir, List<FlowFile> code) {

    public StepInvocation {
        code = List.copyOf(code);
    }
}

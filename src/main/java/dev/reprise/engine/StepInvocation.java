package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.StepDef;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everything an executor needs to run one attempt: the step's definition, its resolved inputs (file
 * inputs as artifact references), the run's environment overrides, where to write the log (asked only
 * when something is written, so that quiet steps leave no file) and a private scratch folder.
 */
public record StepInvocation(String runId, String stepId, int attempt, StepDef step, Map<String, JsonNode> inputs,
                             Map<String, String> env, Supplier<Path> logFile, Path workDir) {
}

package dev.reprise.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.run.Attempt;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Json;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Records as the engine makes them (instants at millisecond precision), for store tests. */
final class Records {

    static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123Z");
    private static final ObjectMapper MAPPER = Json.newMapper();

    private Records() {
    }

    static Run run(String id, String flowId, Instant createdAt) {
        return Run.builder(id, flowId, 1).createdAt(createdAt).target("local").rootRunId(id).build();
    }

    static Run run(String id, String flowId, Instant createdAt, RunState state, String name,
                   Map<String, String> labels) {
        return Run.builder(id, flowId, 1).name(name).labels(labels).state(state).createdAt(createdAt).target("local")
                .rootRunId(id).build();
    }

    /** A step that ran nothing and succeeded at its first attempt. */
    static StepRun finishedNoOpStep(String runId, String stepId, Instant at, long seq) {
        Attempt attempt = Attempt.queued(1, at, "0.1.0")
                .ended(AttemptState.SUCCEEDED, at.plusMillis(1), at.plusMillis(3), 0, null, false);
        return new StepRun(runId, stepId, stepId.replaceAll("\\[\\d+]$", ""), stepId.endsWith("]") ? index(stepId) : -1,
                StepState.SUCCEEDED, Map.of(), Map.of(), null, List.of(attempt), at.plusMillis(1), at.plusMillis(3),
                null, seq);
    }

    static StepRun runningStep(String runId, String stepId, Instant at, long seq) {
        return new StepRun(runId, stepId, stepId.replaceAll("\\[\\d+]$", ""), stepId.endsWith("]") ? index(stepId) : -1,
                StepState.RUNNING, Map.of(), Map.of(), null, List.of(Attempt.queued(1, at, "0.1.0")), at, null,
                null, seq);
    }

    private static int index(String stepId) {
        return Integer.parseInt(stepId.substring(stepId.lastIndexOf('[') + 1, stepId.length() - 1));
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}

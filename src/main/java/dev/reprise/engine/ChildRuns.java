package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.run.Run;
import dev.reprise.run.RunTrigger;
import org.jspecify.annotations.Nullable;

import java.util.Map;

/**
 * Starts the runs that steps of type {@value ChildRunStep#TYPE} ask for. The engine runs those steps but does
 * not know snapshots or stored flows; the workspace that owns the engine does, and resolves what a step names
 * (a snapshot, the latest snapshot of a flow, or a flow's revision) into a run it starts through the engine,
 * linked to the step's attempt. Implementations are thread-safe.
 */
public interface ChildRuns {

    /**
     * Starts the run that a step's resolved {@code inputs} ask for, as a child of {@code trigger}; when
     * {@code replaying} is the id of a child that did not succeed, the new child replays that one's failed part
     * instead. Returns the child as recorded.
     *
     * @throws IllegalArgumentException when it cannot be started (an unknown snapshot or flow, bad inputs, a
     *         flow that would start itself, nesting too deep), with a message for people; nothing is written
     */
    Run start(RunTrigger trigger, Map<String, JsonNode> inputs, @Nullable String replaying);

    /** For an engine that cannot start other runs: every such step fails, saying so. */
    ChildRuns NONE = (trigger, inputs, replaying) -> {
        throw new IllegalArgumentException("this engine cannot start other runs: it has no workspace of flows");
    };
}

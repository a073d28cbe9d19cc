package dev.reprise.ui;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.Run;
import dev.reprise.workspace.BundledExamples;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Workspace;

import java.nio.file.Path;
import java.util.Map;

/** Real local workspaces with small flows, for view-model and UI tests. */
public final class TestWorkspaces {

    /** One quick step. */
    public static final String QUICK = """
            id: quick
            steps:
              only:
                type: noop
            """;

    /** A shell step that prints many lines (about 300 KB) and names its step in the last one. */
    public static final String CHATTY = """
            id: chatty
            steps:
              talk:
                type: shell
                run: |
                  i=0; while [ $i -lt 20000 ]; do echo "line $i of a long log"; i=$((i+1)); done
                  echo "the end of talk"
            """;

    /** A step that waits until the file {@code $REPRISE_INPUT_gate} exists, then a step after it. */
    public static final String GATED = """
            id: gated
            inputs:
              gate: { type: string }
            steps:
              wait:
                type: shell
                inputs: { gate: "{{ inputs.gate }}" }
                run: |
                  echo "waiting for $REPRISE_INPUT_gate"
                  while [ ! -e "$REPRISE_INPUT_gate" ]; do sleep 0.1; done
                  echo "opened"
              after:
                type: shell
                needs: [wait]
                run: echo done
            """;

    /**
     * A fan-out of {@code width} instances, each waiting until the file {@code $REPRISE_INPUT_gate} exists and then
     * answering its item: with a parallelism below the width, the instances not started yet wait pending.
     */
    public static final String GATED_FAN_OUT = """
            id: gated_fan_out
            inputs:
              gate: { type: string }
              width: { type: integer, default: 20 }
            steps:
              list:
                type: list.range
                inputs: { count: "{{ inputs.width }}" }
              each:
                type: shell
                foreach: "{{ steps.list.outputs.items }}"
                inputs: { gate: "{{ inputs.gate }}", n: "{{ item }}" }
                run: |
                  while [ ! -e "$REPRISE_INPUT_gate" ]; do sleep 0.05; done
                  echo "n=$REPRISE_INPUT_n" >> "$REPRISE_OUTPUTS"
            """;

    private TestWorkspaces() {
    }

    public static LocalWorkspace open(Path folder) {
        return LocalWorkspaces.open(folder, LocalWorkspaces.Options.defaults().withParallelism(2));
    }

    public static Run runToEnd(LocalWorkspace workspace, String source) {
        String flowId = workspace.applyFlow(source, "test.yaml").revision().flowId();
        return workspace.await(workspace.start(StartRequest.of(flowId)).id());
    }

    public static Run startGated(LocalWorkspace workspace, Path gate) {
        workspace.applyFlow(GATED, "gated.yaml");
        return workspace.start(StartRequest.of("gated").withParameters(
                Map.of("gate", com.fasterxml.jackson.databind.node.TextNode.valueOf(gate.toString()))));
    }

    /** Starts {@link #GATED_FAN_OUT} with {@code width} instances waiting for {@code gate}. */
    public static Run startGatedFanOut(Workspace workspace, Path gate, int width) {
        workspace.applyFlow(GATED_FAN_OUT, "gated_fan_out.yaml");
        return workspace.start(StartRequest.of("gated_fan_out").withParameters(Map.of(
                "gate", com.fasterxml.jackson.databind.node.TextNode.valueOf(gate.toString()),
                "width", com.fasterxml.jackson.databind.node.IntNode.valueOf(width))));
    }

    /** The bundled examples, from the source tree. */
    public static BundledExamples examples() {
        return new BundledExamples(Path.of("assets", "examples"));
    }
}

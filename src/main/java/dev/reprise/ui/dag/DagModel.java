package dev.reprise.ui.dag;

import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowGraph;
import dev.reprise.flow.StepDef;
import dev.reprise.run.StepAddress;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.workspace.RunDetail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the DAG shows, without JavaFX: the graph's structure from the flow definition (a node per step, a
 * fan-out as one node; an edge per dependency), which keys the layout cache, and each node's state,
 * attempt count and label from a run's step runs (a step not run yet is pending; {@link DagStates} keeps them
 * current as a run changes). Pure and thread-safe.
 */
public final class DagModel {

    public static final double NODE_HEIGHT = 46;

    /** A node of the structure: a step of the flow, with the size the layout gives it. */
    public record NodeSpec(String id, boolean fanOut, double width, double height) {
    }

    public record Edge(String from, String to) {
    }

    /** The shape of a flow's graph; equal structures share one layout. */
    public record Structure(String flowId, List<NodeSpec> nodes, List<Edge> edges) {
        public Structure {
            nodes = List.copyOf(nodes);
            edges = List.copyOf(edges);
        }

        /** The nodes with an edge into {@code node}, in the edges' order. */
        public List<String> upstreamOf(String node) {
            return edges.stream().filter(edge -> edge.to().equals(node)).map(Edge::from).toList();
        }
    }

    /**
     * A node's state in one run: {@code instances} of a fan-out (0 for a plain step), {@code attempts}
     * summed over its instances, {@code counts} of its instances per state.
     */
    public record NodeState(String id, StepState state, boolean fanOut, int instances, int attempts,
                            Map<StepState, Integer> counts) {

        /** "parse" or "count ×8". */
        public String title() {
            return fanOut ? id + " ×" + instances : id;
        }

        /** "succeeded", "failed · 3 attempts", "6 succeeded · 1 failed · 1 running". */
        public String subtitle() {
            if (fanOut && instances > 0) {
                return counts.entrySet().stream()
                        .map(e -> e.getValue() + " " + word(e.getKey()))
                        .collect(Collectors.joining(" · "));
            }
            String text = word(state);
            return attempts > 1 ? text + " · " + attempts + " attempts" : text;
        }

        /** What selecting this node selects: the step name (a collapsed fan-out too). */
        public String selection() {
            return id;
        }
    }

    private DagModel() {
    }

    public static Structure structure(Flow flow) {
        FlowGraph graph = FlowGraph.of(flow);
        List<NodeSpec> nodes = new ArrayList<>(flow.steps().size());
        for (StepDef step : flow.steps().values()) {
            nodes.add(new NodeSpec(step.id(), step.isFanOut(), widthFor(step.id(), step.isFanOut()), NODE_HEIGHT));
        }
        List<Edge> edges = new ArrayList<>();
        for (String step : graph.steps()) {
            for (String up : graph.upstreamOf(step)) {
                if (flow.steps().containsKey(up)) {
                    edges.add(new Edge(up, step));
                }
            }
        }
        return new Structure(flow.id(), nodes, edges);
    }

    /** A structure from the step runs alone, for a run whose flow is unknown: nodes, no edges. */
    public static Structure structure(RunDetail run) {
        Map<String, Boolean> steps = new LinkedHashMap<>();
        run.steps().forEach(s -> steps.merge(nameOf(s), s.isFanOutInstance(), Boolean::logicalOr));
        List<NodeSpec> nodes = new ArrayList<>();
        steps.forEach((id, fanOut) -> nodes.add(new NodeSpec(id, fanOut, widthFor(id, fanOut), NODE_HEIGHT)));
        return new Structure(run.run().flowId(), nodes, List.of());
    }

    private static double widthFor(String id, boolean fanOut) {
        // room for "id ×9999" in the title and for the subtitle
        return Math.max(176, 28 + (id.length() + (fanOut ? 6 : 0)) * 7.6);
    }

    /** Every node's state in {@code run}; nodes the run has not reached are pending (see {@link DagStates}). */
    public static Map<String, NodeState> states(Structure structure, RunDetail run) {
        return new DagStates(structure, run.steps()).states();
    }

    /** The node a selection belongs to: {@code count[3]} belongs to {@code count}. */
    public static String nodeOf(String selection) {
        return selection == null ? null : StepAddress.parse(selection).step();
    }

    /** The node a step run belongs to: its step's name. */
    static String nameOf(StepRun step) {
        return step.stepName() == null ? nodeOf(step.stepId()) : step.stepName();
    }

    static String word(StepState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}

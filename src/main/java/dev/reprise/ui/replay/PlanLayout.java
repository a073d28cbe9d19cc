package dev.reprise.ui.replay;

import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowGraph;
import dev.reprise.run.ReplayPlan.Action;
import dev.reprise.run.ReplayPlan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replay plan laid out for drawing: one node per step of the flow (a fan-out's instances folded into it),
 * placed in layers by its longest path from a step without upstream, with its action (or {@code null} for a
 * step whose instances differ, counted in {@code actions}), whether an edit made it stale, and the edges
 * between steps. Pure and immutable.
 */
public record PlanLayout(List<Node> nodes, List<Edge> edges, int layers, int height) {

    public record Node(String step, int layer, int row, Action action, Map<Action, Integer> actions, boolean stale,
                       String reason) {
    }

    public record Edge(String from, String to) {
    }

    public static PlanLayout of(Flow flow, ReplayPlan plan) {
        FlowGraph graph = FlowGraph.of(flow);
        List<String> order;
        try {
            order = graph.topologicalOrder();
        } catch (IllegalStateException cycle) {
            order = new ArrayList<>(graph.steps());
        }
        Map<String, Integer> layer = new HashMap<>();
        for (String step : order) {
            int l = 0;
            for (String up : graph.upstreamOf(step)) {
                l = Math.max(l, layer.getOrDefault(up, -1) + 1);
            }
            layer.put(step, l);
        }
        Map<String, List<ReplayPlan.PlannedStep>> byStep = new LinkedHashMap<>();
        if (plan != null) {
            plan.steps().forEach(s -> byStep.computeIfAbsent(s.stepName(), k -> new ArrayList<>()).add(s));
        }
        Map<Integer, Integer> rows = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        int layers = 0;
        int height = 0;
        for (String step : order) {
            int l = layer.get(step);
            int row = rows.merge(l, 1, Integer::sum) - 1;
            layers = Math.max(layers, l + 1);
            height = Math.max(height, row + 1);
            List<ReplayPlan.PlannedStep> planned = byStep.getOrDefault(step, List.of());
            Map<Action, Integer> actions = new EnumMap<>(Action.class);
            planned.forEach(p -> actions.merge(p.action(), 1, Integer::sum));
            Action action = actions.size() == 1 ? actions.keySet().iterator().next() : null;
            boolean stale = planned.stream().anyMatch(ReplayPlan.PlannedStep::stale);
            String reason = planned.size() == 1 ? planned.get(0).reason()
                    : planned.isEmpty() ? "" : planned.size() + " instances";
            nodes.add(new Node(step, l, row, action, actions, stale, reason));
            graph.upstreamOf(step).forEach(up -> edges.add(new Edge(up, step)));
        }
        return new PlanLayout(List.copyOf(nodes), List.copyOf(edges), layers, height);
    }
}

package dev.reprise.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dependency graph of a flow's steps: a step depends on its {@code needs} and on every step its
 * inputs or {@code foreach} refer to. Offers upstream/downstream closures, a topological order and cycle
 * detection with the cycle's path. Immutable and thread-safe.
 */
public final class FlowGraph {

    private final Map<String, Set<String>> upstream;
    private final Map<String, Set<String>> downstream;

    private FlowGraph(Map<String, Set<String>> upstream) {
        this.upstream = upstream;
        Map<String, Set<String>> down = new LinkedHashMap<>();
        upstream.keySet().forEach(step -> down.put(step, new LinkedHashSet<>()));
        upstream.forEach((step, ups) -> ups.forEach(up -> {
            if (down.containsKey(up)) {
                down.get(up).add(step);
            }
        }));
        Map<String, Set<String>> frozen = new LinkedHashMap<>();
        down.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSet(v)));
        this.downstream = Collections.unmodifiableMap(frozen);
    }

    public static FlowGraph of(Flow flow) {
        return of(flow.steps().values());
    }

    public static FlowGraph of(Iterable<StepDef> steps) {
        Map<String, Set<String>> up = new LinkedHashMap<>();
        for (StepDef step : steps) {
            up.put(step.id(), Collections.unmodifiableSet(directUpstream(step)));
        }
        return new FlowGraph(Collections.unmodifiableMap(up));
    }

    /** The steps {@code step} depends on directly, in the order they are first mentioned. */
    public static Set<String> directUpstream(StepDef step) {
        Set<String> ups = new LinkedHashSet<>(step.needs());
        if (step.foreach() != null) {
            Templates.references(step.foreach()).forEach(r -> ups.add(r.step()));
        }
        step.inputs().values().forEach(v -> Templates.references(v).forEach(r -> ups.add(r.step())));
        ups.remove(step.id());
        return ups;
    }

    public Set<String> steps() {
        return upstream.keySet();
    }

    public Set<String> upstreamOf(String step) {
        return upstream.getOrDefault(step, Set.of());
    }

    public Set<String> downstreamOf(String step) {
        return downstream.getOrDefault(step, Set.of());
    }

    /** {@code step} and everything that depends on it, directly or not. */
    public Set<String> downstreamClosure(String step) {
        return closure(step, downstream);
    }

    /** {@code step} and everything it depends on, directly or not. */
    public Set<String> upstreamClosure(String step) {
        return closure(step, upstream);
    }

    private static Set<String> closure(String start, Map<String, Set<String>> edges) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(start);
        while (!todo.isEmpty()) {
            String s = todo.poll();
            if (seen.add(s)) {
                todo.addAll(edges.getOrDefault(s, Set.of()));
            }
        }
        return seen;
    }

    /** A cycle as a path that starts and ends at the same step ({@code a → b → a}), if there is one. */
    public Optional<List<String>> findCycle() {
        // iterative depth-first search: a recursive one overflows the stack on a chain of some 10,000 steps
        Set<String> done = new HashSet<>();
        Map<String, Integer> onPath = new HashMap<>();
        List<String> path = new ArrayList<>();
        Deque<Iterator<String>> pending = new ArrayDeque<>();
        for (String start : upstream.keySet()) {
            if (done.contains(start)) {
                continue;
            }
            onPath.put(start, 0);
            path.add(start);
            pending.push(upstream.get(start).iterator());
            while (!pending.isEmpty()) {
                Iterator<String> ups = pending.peek();
                if (!ups.hasNext()) {
                    pending.pop();
                    String finished = path.remove(path.size() - 1);
                    onPath.remove(finished);
                    done.add(finished);
                    continue;
                }
                String up = ups.next();
                Integer index = onPath.get(up);
                if (index != null) {
                    List<String> cycle = new ArrayList<>(path.subList(index, path.size()));
                    cycle.add(up);
                    // the walk follows "depends on" edges; show the cycle in the direction data flows
                    Collections.reverse(cycle);
                    return Optional.of(cycle);
                }
                if (upstream.containsKey(up) && !done.contains(up)) {
                    onPath.put(up, path.size());
                    path.add(up);
                    pending.push(upstream.get(up).iterator());
                }
            }
        }
        return Optional.empty();
    }

    /** Steps ordered so that each comes after everything it depends on; throws on a cycle. */
    public List<String> topologicalOrder() {
        Map<String, Integer> indegree = new LinkedHashMap<>();
        upstream.forEach((step, ups) -> indegree.put(step,
                (int) ups.stream().filter(upstream::containsKey).count()));
        Deque<String> ready = new ArrayDeque<>();
        indegree.forEach((step, n) -> {
            if (n == 0) {
                ready.add(step);
            }
        });
        List<String> order = new ArrayList<>(upstream.size());
        while (!ready.isEmpty()) {
            String step = ready.poll();
            order.add(step);
            for (String down : downstreamOf(step)) {
                if (indegree.merge(down, -1, Integer::sum) == 0) {
                    ready.add(down);
                }
            }
        }
        if (order.size() != upstream.size()) {
            throw new IllegalStateException("flow has a cycle: " + String.join(" → ", findCycle().orElse(List.of())));
        }
        return order;
    }
}

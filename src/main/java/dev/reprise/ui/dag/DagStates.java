package dev.reprise.ui.dag;

import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.gantt.StepStates;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Each node's state in one run, kept current as the run's step runs change: {@link #apply} sums up again only
 * the nodes whose step runs changed, and every other node keeps its {@link DagModel.NodeState}, the same object,
 * so a live batch costs what its changes cost, not what the run does. A node's state is its step's state (the
 * last of its step runs), or for a fan-out the aggregate of its instances' states, with their attempts summed
 * and their states counted; a node the run has not reached is pending. Step runs of steps that are not nodes of
 * the structure are left out. Not thread-safe (the FX thread, in the app).
 */
final class DagStates {

    /** One node's step runs by instance id, in the order they were first seen, with their states counted. */
    private static final class Tally {
        private final DagModel.NodeSpec node;
        private final LinkedHashMap<String, StepRun> steps = new LinkedHashMap<>();
        private final Map<StepState, Integer> counts = new EnumMap<>(StepState.class);
        private int attempts;

        Tally(DagModel.NodeSpec node) {
            this.node = node;
        }

        void put(StepRun step) {
            StepRun old = steps.put(step.stepId(), step);
            if (old != null) {
                counts.computeIfPresent(old.state(), (state, n) -> n == 1 ? null : n - 1);
                attempts -= old.attempts().size();
            }
            counts.merge(step.state(), 1, Integer::sum);
            attempts += step.attempts().size();
        }

        DagModel.NodeState state() {
            StepState state = node.fanOut() ? StepStates.aggregate(counts)
                    : steps.isEmpty() ? StepState.PENDING : steps.lastEntry().getValue().state();
            return new DagModel.NodeState(node.id(), state, node.fanOut(), steps.size(), attempts,
                    Collections.unmodifiableMap(new EnumMap<>(counts)));
        }
    }

    private final Map<String, Tally> tallies = new HashMap<>();
    /** Each node's state, in the structure's node order. */
    private final Map<String, DagModel.NodeState> states = new LinkedHashMap<>();
    private final Map<String, DagModel.NodeState> readOnlyStates = Collections.unmodifiableMap(states);

    /** The states of the nodes of {@code structure} given a run's step runs, in the run's order. */
    DagStates(DagModel.Structure structure, Collection<StepRun> steps) {
        for (DagModel.NodeSpec node : structure.nodes()) {
            tallies.put(node.id(), new Tally(node));
        }
        for (StepRun step : steps) {
            Tally tally = tallies.get(DagModel.nameOf(step));
            if (tally != null) {
                tally.put(step);
            }
        }
        for (DagModel.NodeSpec node : structure.nodes()) {
            states.put(node.id(), tallies.get(node.id()).state());
        }
    }

    /**
     * Takes the step runs that changed since the last call (new ones, and newer versions of known ones, in the
     * order they changed) and answers the ids of the nodes whose state changed, each once.
     */
    Set<String> apply(Collection<StepRun> changed) {
        Set<String> touched = new LinkedHashSet<>();
        for (StepRun step : changed) {
            String node = DagModel.nameOf(step);
            Tally tally = tallies.get(node);
            if (tally != null) {
                tally.put(step);
                touched.add(node);
            }
        }
        Set<String> changedNodes = new LinkedHashSet<>();
        for (String node : touched) {
            DagModel.NodeState next = tallies.get(node).state();
            if (!next.equals(states.get(node))) {
                states.put(node, next);
                changedNodes.add(node);
            }
        }
        return changedNodes;
    }

    /** Every node's state by node id, in the structure's order; a live view of this object's states. */
    Map<String, DagModel.NodeState> states() {
        return readOnlyStates;
    }

    /** The state of node {@code id}, or null for a node that is not in the structure. */
    DagModel.NodeState state(String id) {
        return states.get(id);
    }
}

package dev.reprise.flow;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FlowGraphTest {

    @Test
    void cyclePathFollowsTheDirectionDataFlows() {
        FlowGraph graph = FlowGraph.of(List.of(step("a", "c"), step("b", "a"), step("c", "b"), step("d")));

        assertThat(graph.findCycle()).contains(List.of("a", "b", "c", "a"));
    }

    @Test
    void longChainHasNoCycleAndIsOrdered() {
        List<StepDef> steps = new ArrayList<>();
        steps.add(step("s0"));
        for (int i = 1; i < 50_000; i++) {
            steps.add(step("s" + i, "s" + (i - 1)));
        }
        FlowGraph graph = FlowGraph.of(steps.reversed());

        assertThat(graph.findCycle()).isEmpty();
        assertThat(graph.topologicalOrder()).startsWith("s0", "s1").endsWith("s49999");
    }

    @Test
    void longChainClosedIntoALoopIsACycle() {
        List<StepDef> steps = new ArrayList<>();
        steps.add(step("s0", "s49999"));
        for (int i = 1; i < 50_000; i++) {
            steps.add(step("s" + i, "s" + (i - 1)));
        }

        assertThat(FlowGraph.of(steps).findCycle()).hasValueSatisfying(cycle -> {
            assertThat(cycle).hasSize(50_001);
            assertThat(cycle).startsWith("s0", "s1").endsWith("s49999", "s0");
        });
    }

    private static StepDef step(String id, String... needs) {
        return new StepDef(id, "shell", null, List.of(needs), null, null, null, "true", null, null, null, null, null, null,
                null, null, null);
    }
}

package dev.reprise.ui.dag;

import dev.reprise.ui.gantt.TestRuns;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DagLayoutTest {

    private static final String THREE_LAYERS = """
            id: layers
            steps:
              a: { type: noop }
              b: { type: noop, needs: [a] }
              c: { type: noop, needs: [a] }
              d: { type: noop, needs: [b, c] }
            """;

    @Test
    void elkLaysTheLayersOutLeftToRight() {
        DagModel.Structure structure = DagModel.structure(TestRuns.flow(THREE_LAYERS));
        DagLayout layout = DagLayout.compute(structure);
        for (DagModel.Edge edge : structure.edges()) {
            assertThat(layout.nodes().get(edge.to()).x())
                    .as(edge.from() + " → " + edge.to())
                    .isGreaterThan(layout.nodes().get(edge.from()).x() + layout.nodes().get(edge.from()).width());
        }
        assertThat(layout.nodes().get("b").x()).isEqualTo(layout.nodes().get("c").x());
        assertThat(layout.nodes().get("b").y()).isNotEqualTo(layout.nodes().get("c").y());
        assertThat(layout.edges()).hasSize(4).allSatisfy(route -> {
            double[] p = route.points();
            assertThat(p.length).isGreaterThanOrEqualTo(4);
            assertThat(p[p.length - 2]).isGreaterThan(p[0]);
        });
        assertThat(layout.width()).isGreaterThan(layout.nodes().get("d").x());
    }

    @Test
    void aChainOfTenThousandStepsIsLaidOutThoughElkRecursesAlongIt() {
        // ELK's depth-first walks overflowed an ordinary thread's stack on a chain this long
        List<DagModel.NodeSpec> nodes = new ArrayList<>();
        List<DagModel.Edge> edges = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            nodes.add(new DagModel.NodeSpec("s" + i, false, 176, DagModel.NODE_HEIGHT));
            if (i > 0) {
                edges.add(new DagModel.Edge("s" + (i - 1), "s" + i));
            }
        }

        DagLayout layout = DagLayout.compute(new DagModel.Structure("chain", nodes, edges));

        assertThat(layout.nodes()).hasSize(10_000);
        assertThat(layout.nodes().get("s9999").x()).isGreaterThan(layout.nodes().get("s0").x());
        assertThat(layout.edges()).hasSize(9_999);
    }

    @Test
    void aStructureIsLaidOutOnceAndThenServedFromTheCache() {
        DagLayoutCache cache = new DagLayoutCache(4);
        AtomicInteger runs = new AtomicInteger();
        DagModel.Structure structure = DagModel.structure(TestRuns.flow(THREE_LAYERS));
        DagLayout first = cache.layout(structure, task -> {
            runs.incrementAndGet();
            task.run();
        }).join();
        DagLayout second = cache.layout(DagModel.structure(TestRuns.flow(THREE_LAYERS)), task -> {
            runs.incrementAndGet();
            task.run();
        }).join();
        assertThat(second).isSameAs(first);
        assertThat(runs).hasValue(1);
        assertThat(cache.ready(structure)).isSameAs(first);
    }
}

package dev.reprise.bench;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A parent that starts 200 children in a fan-out, each a chain of 5 no-op steps, on parallelism 2: its wall
 * time, beside a flat run of the same 1,000 no-op steps (5 fan-outs of 200 in a chain) in the same JVM, so that
 * the difference over 200 is what a child run costs the engine (recording the run, its coordinator, the link
 * both ways, waiting for its end). Run with {@code mvn -Pbench test -Dtest=SubPipelineBenchmark}.
 */
@Tag("bench")
class SubPipelineBenchmark {

    private static final int CHILDREN = 200;

    private static final String CHILD = """
            id: five
            inputs:
              shard: { type: string, default: "" }
            steps:
              s1: { type: noop }
              s2: { type: noop, needs: [s1] }
              s3: { type: noop, needs: [s2] }
              s4: { type: noop, needs: [s3] }
              s5: { type: noop, needs: [s4] }
            """;

    private static final String PARENT = """
            id: parent
            steps:
              plan:
                type: list.range
                inputs: { count: %d, prefix: "shard-" }
              children:
                type: flow.run
                foreach: "{{ steps.plan.outputs.items }}"
                inputs: { flow: five, inputs: { shard: "{{ item }}" } }
            """.formatted(CHILDREN);

    private static final String FLAT = """
            id: flat
            steps:
              plan:
                type: list.range
                inputs: { count: %d, prefix: "shard-" }
              s1: { type: noop, foreach: "{{ steps.plan.outputs.items }}" }
              s2: { type: noop, foreach: "{{ steps.plan.outputs.items }}", needs: [s1] }
              s3: { type: noop, foreach: "{{ steps.plan.outputs.items }}", needs: [s2] }
              s4: { type: noop, foreach: "{{ steps.plan.outputs.items }}", needs: [s3] }
              s5: { type: noop, foreach: "{{ steps.plan.outputs.items }}", needs: [s4] }
            """.formatted(CHILDREN);

    @Test
    void aParentOfTwoHundredChildrenOnTwoWorkers(@TempDir Path dir) {
        try (LocalWorkspace workspace = LocalWorkspaces.open(dir.resolve("ws"),
                LocalWorkspaces.Options.defaults().withParallelism(2))) {
            workspace.applyFlow(CHILD, "five.yaml");
            workspace.applyFlow(PARENT, "parent.yaml");
            workspace.applyFlow(FLAT, "flat.yaml");
            for (int round = 1; round <= 3; round++) {
                long t0 = System.nanoTime();
                Run parent = workspace.await(workspace.start(StartRequest.of("parent")).id());
                long withChildren = System.nanoTime() - t0;
                assertThat(parent.state()).as(parent.error()).isEqualTo(RunState.SUCCEEDED);
                assertThat(workspace.runs(RunQuery.all().withParent(parent.id()).withLimit(RunQuery.MAX_LIMIT))
                        .runs()).hasSize(CHILDREN).allMatch(child -> child.state() == RunState.SUCCEEDED);
                t0 = System.nanoTime();
                Run flat = workspace.await(workspace.start(StartRequest.of("flat")).id());
                long flatNanos = System.nanoTime() - t0;
                assertThat(flat.state()).as(flat.error()).isEqualTo(RunState.SUCCEEDED);
                System.out.printf("round %d: a parent of %d children of 5 steps on parallelism 2: %.0f ms; "
                                + "the same %,d steps in one run: %.0f ms; %.2f ms per child run%n", round, CHILDREN,
                        withChildren / 1e6, CHILDREN * 5, flatNanos / 1e6,
                        (withChildren - flatNanos) / 1e6 / CHILDREN);
            }
        }
    }
}

package dev.reprise.cli;

import dev.reprise.cli.LocalCli.Result;
import dev.reprise.run.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line shows which run a step started and which step started a run, and lists a run's children. */
class SubPipelineCliTest {

    @TempDir
    Path folder;

    private Path ws;
    private String parent;
    private String child;

    private Result cli(String... args) {
        return LocalCli.run(ws, args);
    }

    @BeforeEach
    void runAParentThatStartsAChild() throws Exception {
        ws = folder.resolve("ws");
        Path childFlow = Files.writeString(folder.resolve("child.yaml"), """
                id: child
                steps:
                  work: { type: shell, run: "echo working" }
                """);
        Path parentFlow = Files.writeString(folder.resolve("parent.yaml"), """
                id: parent
                steps:
                  call:
                    type: flow.run
                    inputs: { flow: child, name: "child of nightly" }
                """);
        assertThat(cli("flows", "apply", childFlow.toString()).code()).isZero();
        Result run = cli("run", parentFlow.toString(), "--name", "nightly", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        parent = Json.newMapper().readTree(run.out()).path("run").path("id").asText();
        Result children = cli("runs", "list", "--parent", parent, "--json");
        assertThat(children.code()).as(children.err()).isZero();
        child = Json.newMapper().readTree(children.out()).path("runs").path(0).path("id").asText();
    }

    @Test
    void runsListWithAParentListsTheRunsItsStepsStartedAndSaysWhichStep() {
        Result list = cli("runs", "list", "--parent", "nightly");

        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains(child).contains("child of nightly").contains("started by " + parent + "/call")
                .doesNotContain(parent + " ");
        Result all = cli("runs", "list");
        assertThat(all.out()).contains(parent).contains(child);
    }

    @Test
    void runsShowNamesTheChildOfAStepAndTheStepOfAChild() {
        Result shownParent = cli("runs", "show", parent);
        Result shownChild = cli("runs", "show", child);

        assertThat(shownParent.code()).as(shownParent.err()).isZero();
        assertThat(shownParent.out()).containsPattern("child +call \\(attempt 1\\) started " + child + " +child");
        assertThat(shownChild.out()).contains("started by " + parent + "/call, attempt 1");
    }

    @Test
    void theLineageTreeShowsTheRunsAStepStarted() {
        Result lineage = cli("runs", "lineage", parent);

        assertThat(lineage.code()).as(lineage.err()).isZero();
        assertThat(lineage.out()).contains(child + "  SUCCEEDED  flow child  started by step call");
    }

    @Test
    void anUnknownParentIsAClearError() {
        Result list = cli("runs", "list", "--parent", "no-such-run");

        assertThat(list.code()).isNotZero();
        assertThat(list.err()).contains("no run 'no-such-run'");
    }
}

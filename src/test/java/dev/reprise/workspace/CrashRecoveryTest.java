package dev.reprise.workspace;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.ui.TestWorkspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a real child JVM running a flow with SIGKILL and reopens its workspace: the run is INTERRUPTED and
 * every step that had finished keeps its outputs. The kill comes as soon as the child has printed that the
 * last step is running: what it printed was on the disk before it was printed.
 */
class CrashRecoveryTest {

    @TempDir
    Path folder;

    @Test
    void aKilledProcessLeavesTheRunInterruptedWithFinishedStepsIntactAndReplayFinishesIt() throws Exception {
        Path flow = folder.resolve("crash.yaml");
        Files.writeString(flow, """
                id: crash
                steps:
                  first:
                    type: shell
                    run: echo value=42 >> "$REPRISE_OUTPUTS"; echo hello > "$REPRISE_OUTPUT_DIR/data.txt"
                  second: { type: shell, needs: [first], run: "echo done=yes >> $REPRISE_OUTPUTS" }
                  hang:
                    type: shell
                    needs: [second]
                    run: '[ "$REPRISE_ATTEMPT" = 1 ] && sleep 120; echo finished=yes >> "$REPRISE_OUTPUTS"'

                """);
        Path ws = folder.resolve("ws");
        List<String> seen = killOnceItPrints("hang  RUNNING", List.of(),
                "run", flow.toString(), "--workspace", ws.toString(), "--follow");

        try (LocalWorkspace workspace = LocalWorkspaces.open(ws, LocalWorkspaces.Options.defaults())) {
            List<Run> runs = workspace.runs(RunQuery.all()).runs();
            assertThat(runs).as("output of the killed process: %s", seen).hasSize(1);
            RunDetail detail = workspace.run(runs.get(0).id());
            assertThat(detail.run().state()).isEqualTo(RunState.INTERRUPTED);
            assertThat(detail.run().seq()).as("recovery numbers its events past any the dead process published")
                    .isGreaterThan(1_000_000);
            assertThat(detail.step("first").state()).isEqualTo(StepState.SUCCEEDED);
            assertThat(detail.step("first").outputs().get("value").asInt()).isEqualTo(42);
            assertThat(detail.step("second").outputs().get("done").asText()).isEqualTo("yes");
            assertThat(detail.step("hang").state()).isEqualTo(StepState.INTERRUPTED);
            ArtifactRef data = ArtifactRef.from(detail.step("first").outputs().get("data.txt")).orElseThrow();
            try (InputStream in = workspace.openArtifact(data.sha256())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
            }

            // replaying the failed part finishes the run: what was committed is reused, the rest runs
            Run finished = workspace.await(workspace.replay(detail.run().id(),
                    ReplayRequest.of(ReplayScope.failed())).id());
            RunDetail replayed = workspace.run(finished.id());
            assertThat(finished.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(replayed.step("first").state()).isEqualTo(StepState.REUSED);
            assertThat(replayed.step("second").state()).isEqualTo(StepState.REUSED);
            assertThat(replayed.step("hang").outputs().get("finished").asText()).isEqualTo("yes");
            assertThat(replayed.step("hang").lastAttempt().number()).isEqualTo(2);
        }
    }

    @Test
    void aFanOutsInstancesKilledBeforeTheyStartedAreInterruptedOnReopenAndReplayRunsThem() throws Exception {
        Path flow = Files.writeString(folder.resolve("fan.yaml"), TestWorkspaces.GATED_FAN_OUT);
        Path gate = folder.resolve("gate");
        Path ws = folder.resolve("ws");
        // two processors, so two engine places: 18 of the 20 instances wait, recorded pending; the JSON lines carry
        // every event, and the first of the last instance is its pending record
        List<String> seen = killOnceItPrints("\"stepId\":\"each[19]\"", List.of("-XX:ActiveProcessorCount=2"),
                "run", flow.toString(), "-i", "gate=" + gate, "--workspace", ws.toString(), "--follow", "--json");

        try (LocalWorkspace workspace = LocalWorkspaces.open(ws, LocalWorkspaces.Options.defaults())) {
            RunDetail detail = workspace.run(workspace.runs(RunQuery.all()).runs().getFirst().id());
            assertThat(detail.run().state()).isEqualTo(RunState.INTERRUPTED);
            List<StepRun> instances = detail.steps().stream().filter(StepRun::isFanOutInstance).toList();
            assertThat(instances).as("output of the killed process: %s", seen).hasSize(20)
                    .allSatisfy(s -> assertThat(s.state()).isEqualTo(StepState.INTERRUPTED));
            assertThat(instances).filteredOn(s -> s.attempts().isEmpty()).hasSize(18)
                    .allSatisfy(s -> assertThat(s.error()).contains("stopped before this step started"));

            Files.writeString(gate, "open");
            Run finished = workspace.await(workspace.replay(detail.run().id(),
                    ReplayRequest.of(ReplayScope.failed())).id());
            RunDetail replayed = workspace.run(finished.id());
            assertThat(finished.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(replayed.step("list").state()).isEqualTo(StepState.REUSED);
            assertThat(replayed.steps()).filteredOn(StepRun::isFanOutInstance).hasSize(20)
                    .allSatisfy(s -> assertThat(s.state()).isEqualTo(StepState.SUCCEEDED));
        }
    }

    /**
     * Runs {@code reprise args} in a child JVM started with {@code jvmOptions}, kills it and the processes it
     * started once it has printed a line holding {@code marker}, and answers the lines it printed.
     */
    private static List<String> killOnceItPrints(String marker, List<String> jvmOptions, String... args)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.reprise.app.Main"));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        try {
            waitForLine(child.getInputStream(), marker, seen);
        } finally {
            List<ProcessHandle> tree = child.descendants().toList();
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        return seen;
    }

    private static void waitForLine(InputStream output, String marker, List<String> seen) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((line = reader.readLine()) != null) {
            seen.add(line);
            if (line.contains(marker)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        throw new AssertionError("the child never printed '" + marker + "'; it printed: " + seen);
    }
}

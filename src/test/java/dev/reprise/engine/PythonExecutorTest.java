package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.app.LocalWorkspaces;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowParser;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The python step type through a real local workspace: H2 on disk, real python3 processes. */
class PythonExecutorTest {

    @TempDir
    Path folder;

    private LocalWorkspace workspace;

    @BeforeEach
    void open() {
        workspace = LocalWorkspaces.open(folder.resolve("ws"), LocalWorkspaces.Options.defaults().withParallelism(2));
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private static void assumePython() {
        assumeTrue(PythonExecutor.onPath("python3", System.getenv("PATH")).isPresent(),
                "python3 is not on the PATH: these tests run real python steps");
    }

    private Run runToEnd(String yaml, Map<String, JsonNode> parameters) {
        String flowId = workspace.applyFlow(yaml, "test.yaml").revision().flowId();
        Run run = workspace.start(StartRequest.of(flowId).withParameters(parameters));
        return workspace.await(run.id());
    }

    private String log(Run run, String step) {
        return workspace.log(run.id(), step, 1, 0, 100_000).text();
    }

    @Test
    void inputsOfEveryTypeArriveAsPythonValuesAndGoBackAsOutputs() throws IOException {
        assumePython();

        Run run = runToEnd(TypedRoundTrip.inlineFlow(), TypedRoundTrip.parameters(folder));

        TypedRoundTrip.assertEchoed(workspace, run);
    }

    @Test
    void outputsOfOneStepReachTheNextWithTheirTypes() {
        assumePython();
        Run run = runToEnd("""
                id: chain
                steps:
                  make:
                    type: python
                    script: |
                      import reprise
                      reprise.output("rows", [{"n": 1}, {"n": 2}])
                  total:
                    type: python
                    inputs: { rows: "{{ steps.make.outputs.rows }}" }
                    script: |
                      import reprise
                      reprise.output("total", sum(row["n"] for row in reprise.inputs()["rows"]))
                """, Map.of());

        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(workspace.run(run.id()).step("total").outputs().get("total").asInt()).isEqualTo(3);
    }

    @Test
    void anExceptionFailsTheStepWithItsMessageAndTheTracebackInTheLog() {
        assumePython();
        Run run = runToEnd("""
                id: raises
                steps:
                  load:
                    type: python
                    script: |
                      print("loading")

                      def load(month):
                          raise ValueError("no rows for " + month)

                      load("2024-03")
                """, Map.of());

        StepRun step = workspace.run(run.id()).step("load");
        assertThat(step.state()).isEqualTo(StepState.FAILED);
        assertThat(step.error()).isEqualTo("ValueError: no rows for 2024-03 (line 4 of the script, in load)");
        String log = log(run, "load");
        assertThat(log).startsWith("loading\n").contains("Traceback (most recent call last):")
                .contains("load.py\", line 4, in load").endsWith("ValueError: no rows for 2024-03\n");
        assertThat(log).as("the traceback starts at the script").doesNotContain("runpy").doesNotContain("reprise.py");
    }

    @Test
    void aSyntaxErrorNamesItsLine() {
        assumePython();
        Run run = runToEnd("""
                id: bad_syntax
                steps:
                  broken:
                    type: python
                    script: |
                      x = 1
                      if x
                          print(x)
                """, Map.of());

        assertThat(workspace.run(run.id()).step("broken").error())
                .startsWith("SyntaxError: ").endsWith("(line 2 of the script)");
    }

    @Test
    void anExitCodeWithoutAnExceptionIsNamed() {
        assumePython();
        Run run = runToEnd("""
                id: exits
                steps:
                  quits: { type: python, script: "import sys; sys.exit(3)" }
                """, Map.of());

        StepRun step = workspace.run(run.id()).step("quits");
        assertThat(step.error()).isEqualTo("exited with code 3");
        assertThat(step.lastAttempt().exitCode()).isEqualTo(3);
    }

    @Test
    void anOutputThatIsNotJsonFailsTheStepAtTheCall() {
        assumePython();
        Run run = runToEnd("""
                id: not_json
                steps:
                  when:
                    type: python
                    script: |
                      import datetime, reprise
                      reprise.output("at", datetime.date(2024, 3, 31))
                """, Map.of());

        assertThat(workspace.run(run.id()).step("when").error())
                .startsWith("TypeError: output 'at' must be a JSON value")
                .endsWith("(line 2 of the script)");
    }

    @Test
    void aMissingInterpreterIsNamedWithWhereToSetIt() {
        Run run = runToEnd("""
                id: no_python
                steps:
                  a: { type: python, python: /no/such/python3, script: "print(1)" }
                """, Map.of());

        StepRun step = workspace.run(run.id()).step("a");
        assertThat(step.state()).isEqualTo(StepState.FAILED);
        assertThat(step.error()).isEqualTo("python interpreter '/no/such/python3' not found: set python: in the flow "
                + "to an interpreter there is, or leave it out to use REPRISE_PYTHON or python3");
    }

    @Test
    void theFlowsInterpreterIsTheDefaultOfItsSteps() {
        Run run = runToEnd("""
                id: flow_python
                python: no-such-python-3
                steps:
                  a: { type: python, script: "print(1)" }
                """, Map.of());

        assertThat(workspace.run(run.id()).step("a").error())
                .isEqualTo("python interpreter 'no-such-python-3' not found: set python: in the flow to an "
                        + "interpreter there is, or leave it out to use REPRISE_PYTHON or python3");
    }

    @Test
    void aTimeoutKillsTheInterpreterAndWhatItStarted() throws IOException {
        assumePython();
        Path pids = folder.resolve("pids.txt");
        Run run = runToEnd("""
                id: slow_python
                steps:
                  slow:
                    type: python
                    timeout: 1s
                    script: |
                      import os, subprocess, time
                      child = subprocess.Popen(["sleep", "60"])
                      with open(%s, "w") as f:
                          f.write("%%d %%d" %% (os.getpid(), child.pid))
                      time.sleep(60)
                """.formatted(pythonString(pids)), Map.of());

        StepRun step = workspace.run(run.id()).step("slow");
        assertThat(step.lastAttempt().state()).isEqualTo(AttemptState.TIMED_OUT);
        assertThat(step.error()).contains("timed out");
        assertDead(Files.readString(pids));
    }

    @Test
    void cancellingAStepKillsTheInterpreter() throws IOException {
        assumePython();
        Path pids = folder.resolve("pids.txt");
        String flowId = workspace.applyFlow("""
                id: cancel_python
                steps:
                  sleepy:
                    type: python
                    script: |
                      import os, time
                      with open(%s, "w") as f:
                          f.write(str(os.getpid()))
                      time.sleep(60)
                """.formatted(pythonString(pids)), "c.yaml").revision().flowId();
        Run run = workspace.start(StartRequest.of(flowId));
        await().atMost(10, TimeUnit.SECONDS).until(() -> Files.exists(pids) && Files.size(pids) > 0);
        workspace.cancelStep(run.id(), "sleepy");
        Run ended = workspace.await(run.id());

        assertThat(workspace.run(ended.id()).step("sleepy").state()).isEqualTo(StepState.CANCELLED);
        assertThat(Duration.between(ended.startedAt(), ended.endedAt())).isLessThan(Duration.ofSeconds(30));
        assertDead(Files.readString(pids));
    }

    @Test
    void aChangedScriptChangesTheFingerprintAndOnlyThat() {
        PythonExecutor executor = new PythonExecutor(null, null, null);
        FlowParser parser = new FlowParser();
        Flow one = parser.parse("""
                id: f
                steps:
                  a: { type: python, script: "print(1)", timeout: 5s }
                """, "f.yaml");
        Flow sameCode = parser.parse("""
                id: f
                steps:
                  a: { type: python, script: "print(1)", timeout: 9s }
                """, "f.yaml");
        Flow otherCode = parser.parse("""
                id: f
                steps:
                  a: { type: python, script: "print(2)", timeout: 5s }
                """, "f.yaml");
        Flow otherInterpreter = parser.parse("""
                id: f
                python: /usr/bin/python3
                steps:
                  a: { type: python, script: "print(1)", timeout: 5s }
                """, "f.yaml");

        String fingerprint = executor.fingerprint(one.step("a"));
        assertThat(fingerprint).startsWith("python:").isEqualTo(executor.fingerprint(sameCode.step("a")));
        assertThat(executor.fingerprint(otherCode.step("a"))).isNotEqualTo(fingerprint);
        assertThat(executor.fingerprint(otherInterpreter.step("a"))).isNotEqualTo(fingerprint);
    }

    private static String pythonString(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void assertDead(String pids) {
        for (String pid : pids.trim().split(" ")) {
            long id = Long.parseLong(pid);
            await().atMost(5, TimeUnit.SECONDS).until(() -> ProcessHandle.of(id).map(h -> !h.isAlive()).orElse(true));
        }
    }
}

package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import dev.reprise.workspace.FlowFolder;
import dev.reprise.workspace.FlowFolders;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Python steps whose code is a file of a flow folder ({@code file:}, {@code function: module:name}) and their
 * interpreter ({@code python:} relative to the folder, {@code REPRISE_PYTHON}), through a real local workspace
 * and real python3 processes.
 */
class PythonFolderCodeTest {

    @TempDir
    Path folder;

    private Path code;
    private LocalWorkspace workspace;

    @BeforeEach
    void open() throws IOException {
        workspace = LocalWorkspaces.open(folder.resolve("ws"), LocalWorkspaces.Options.defaults().withParallelism(2));
        code = Files.createDirectories(folder.resolve("code"));
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private static void assumePython() {
        assumeTrue(PythonExecutor.onPath("python3", System.getenv("PATH")).isPresent(),
                "python3 is not on the PATH: these tests run real python steps");
    }

    private void write(String path, String text) throws IOException {
        Path file = code.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Applies the folder and runs its flow to the end with {@code parameters} and the run's {@code env}. */
    private Run run(Map<String, JsonNode> parameters, Map<String, String> env) {
        String flowId = FlowFolders.apply(workspace, FlowFolder.read(code)).revision().flowId();
        return workspace.await(workspace.start(new StartRequest(flowId, null, parameters, null, null, env)).id());
    }

    private Run run() {
        return run(Map.of(), Map.of());
    }

    private StepRun step(Run run, String step) {
        return workspace.run(run.id()).step(step);
    }

    private String log(Run run, String step) {
        return workspace.log(run.id(), step, 1, 0, 100_000).text();
    }

    @Test
    void aFileOfTheFolderGetsInputsOfEveryTypeAndGivesThemBack() throws IOException {
        assumePython();
        write("flow.yaml", TypedRoundTrip.flow("file: steps/echo.py"));
        write("steps/echo.py", TypedRoundTrip.SCRIPT);

        Run run = run(TypedRoundTrip.parameters(folder), Map.of());

        TypedRoundTrip.assertEchoed(workspace, run);
    }

    @Test
    void aFunctionGetsInputsOfEveryTypeAsArgumentsAndReturnsItsOutputs() throws IOException {
        assumePython();
        write("flow.yaml", TypedRoundTrip.flow("function: \"lib.echo:run\""));
        write("lib/__init__.py", "");
        write("lib/echo.py", TypedRoundTrip.FUNCTION);

        Run run = run(TypedRoundTrip.parameters(folder), Map.of());

        TypedRoundTrip.assertEchoed(workspace, run);
    }

    @Test
    void anExceptionInAFileNamesTheFileAndLineOfTheCodeThatRaisedIt() throws IOException {
        assumePython();
        write("flow.yaml", """
                id: raises
                steps:
                  clean: { type: python, file: clean.py }
                """);
        write("clean.py", """
                from parsing import amount

                print("cleaning")
                amount("1,234.50")
                """);
        write("parsing.py", """
                def amount(text):
                    return float(text)
                """);

        Run run = run();

        StepRun clean = step(run, "clean");
        assertThat(clean.state()).isEqualTo(StepState.FAILED);
        assertThat(clean.error()).isEqualTo("ValueError: could not convert string to float: '1,234.50' (line 2 of "
                + "parsing.py, in amount)");
        assertThat(log(run, "clean")).startsWith("cleaning\nTraceback (most recent call last):\n")
                .contains("clean.py\", line 4, in <module>").contains("parsing.py\", line 2, in amount")
                .doesNotContain("runpy").doesNotContain("reprise.py");
    }

    @Test
    void anExceptionInAFunctionNamesTheFileAndLineOfTheFunction() throws IOException {
        assumePython();
        write("flow.yaml", """
                id: raises
                steps:
                  total:
                    type: python
                    function: totals:run
                    inputs: { rows: [1, 2, "three"] }
                """);
        write("totals.py", """
                def run(rows):
                    total = 0
                    for row in rows:
                        total += row
                    return {"total": total}
                """);

        Run run = run();

        assertThat(step(run, "total").error()).isEqualTo("TypeError: unsupported operand type(s) for +=: 'int' and "
                + "'str' (line 4 of totals.py, in run)");
        assertThat(log(run, "total")).startsWith("Traceback (most recent call last):\n")
                .contains("totals.py\", line 4, in run").doesNotContain("reprise.py");
    }

    @Test
    void aFunctionReturningNoneGivesNoOutputsAndAnythingButADictFailsSayingSo() throws IOException {
        assumePython();
        write("flow.yaml", """
                id: returns
                steps:
                  nothing: { type: python, function: "steps:nothing" }
                  listed: { type: python, function: "steps:listed" }
                  unfit: { type: python, function: "steps:nothing", inputs: { rows: 3 } }
                """);
        write("steps.py", """
                def nothing():
                    print("done")


                def listed():
                    return [1, 2]
                """);

        Run run = run();

        assertThat(step(run, "nothing").state()).isEqualTo(StepState.SUCCEEDED);
        assertThat(step(run, "nothing").outputs()).isEmpty();
        assertThat(step(run, "listed").error()).isEqualTo("TypeError: steps:listed returned list, not a dict of "
                + "outputs (or None)");
        assertThat(step(run, "unfit").error()).isEqualTo("TypeError: steps:nothing cannot take the step's inputs as "
                + "keyword arguments (rows): got an unexpected keyword argument 'rows'");
    }

    @Test
    void aRelativeInterpreterIsAFileOfTheFolderRunFromTheWorkingFolder() throws IOException {
        assumePython();
        write("flow.yaml", """
                id: wrapped
                python: bin/python
                steps:
                  which:
                    type: python
                    script: |
                      import os, reprise
                      reprise.output("via", os.environ["VIA"])
                """);
        write("bin/python", "#!/bin/sh\nVIA=the-folder exec python3 \"$@\"\n");

        Run run = run();

        assertThat(run.state()).as(step(run, "which").error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(step(run, "which").outputs().get("via").asText()).isEqualTo("the-folder");
    }

    @Test
    void reprisePythonOfTheEnvironmentIsTheInterpreterOfStepsWhoseFlowNamesNone() throws IOException {
        assumePython();
        Path wrapper = Files.writeString(folder.resolve("python-wrapper"),
                "#!/bin/sh\nVIA=the-variable exec python3 \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        write("flow.yaml", """
                id: chosen
                steps:
                  which:
                    type: python
                    script: |
                      import os, reprise
                      reprise.output("via", os.environ.get("VIA", "python3"))
                """);

        Run run = run(Map.of(), Map.of("REPRISE_PYTHON", wrapper.toString()));

        assertThat(run.state()).as(step(run, "which").error()).isEqualTo(RunState.SUCCEEDED);
        assertThat(step(run, "which").outputs().get("via").asText()).isEqualTo("the-variable");
    }

    @Test
    void aMissingInterpreterFromReprisePythonSaysWhereItCameFrom() throws IOException {
        write("flow.yaml", """
                id: chosen
                steps:
                  which: { type: python, script: "print(1)" }
                """);

        Run run = run(Map.of(), Map.of("REPRISE_PYTHON", "/no/such/python"));

        assertThat(step(run, "which").error()).isEqualTo("python interpreter '/no/such/python' not found: it is "
                + "REPRISE_PYTHON's: set REPRISE_PYTHON to an interpreter there is, or python: in the flow");
    }
}

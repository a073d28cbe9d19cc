package dev.reprise.workspace;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Working folders kept between the attempts of a flow folder, through a workspace and real shell steps on one
 * worker: the next step takes the folder the last one left as it found it, and sees nothing the last one wrote.
 */
class KeptWorkingFolderTest {

    private static final String SEE = "echo \"folder=$(stat -c %i .)\" >> \"$REPRISE_OUTPUTS\"; "
            + "echo \"listing=$(ls -A | tr '\\n' ' ')\" >> \"$REPRISE_OUTPUTS\"; "
            + "echo \"out=$(ls -A out | wc -l)\" >> \"$REPRISE_OUTPUTS\"";

    private static final String FLOW = """
            id: kept
            steps:
              writes_outputs:
                type: shell
                run: |
                  %1$s
                  echo "x=1" >> "$REPRISE_OUTPUTS"
                  echo report > out/report.txt
              reuses:
                type: shell
                needs: [writes_outputs]
                run: |
                  %1$s
                  touch junk.txt
              fresh:
                type: shell
                needs: [reuses]
                run: |
                  %1$s
            """.formatted(SEE);

    @TempDir
    Path workspaceDir;

    @TempDir
    Path code;

    private LocalWorkspace workspace;

    @BeforeEach
    void open() throws IOException {
        workspace = LocalWorkspaces.open(workspaceDir, LocalWorkspaces.Options.defaults().withParallelism(1));
        Files.writeString(code.resolve("flow.yaml"), FLOW);
        Files.createDirectories(code.resolve("data"));
        Files.writeString(code.resolve("data/rows.csv"), "a,b\n");
        FlowFolders.apply(workspace, FlowFolder.read(code));
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    private RunDetail run() {
        Run run = workspace.await(workspace.start(StartRequest.of("kept")).id());
        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        return workspace.run(run.id());
    }

    private static String output(RunDetail run, String step, String name) {
        return run.step(step).outputs().get(name).asText();
    }

    @Test
    void theNextStepTakesTheFolderTheLastLeftAsItWasAndSeesNoneOfItsOutputs() {
        RunDetail run = run();

        // the first step's folder exists still (kept or taken), so the same inode is the same folder

        assertThat(output(run, "reuses", "folder")).isEqualTo(output(run, "writes_outputs", "folder"));
        assertThat(run.step("reuses").outputs()).doesNotContainKeys("x", "report.txt");
        assertThat(output(run, "reuses", "out")).isEqualTo("0");
        assertThat(output(run, "reuses", "listing")).isEqualTo(output(run, "writes_outputs", "listing"))
                .isEqualTo(".reprise .reprise-outputs data out ");
        assertThat(run.step("writes_outputs").outputs()).containsKeys("x", "report.txt");
    }

    @Test
    void aStepThatWroteIntoItsFolderLeavesItToNoOne() {
        RunDetail run = run();

        assertThat(output(run, "fresh", "listing")).doesNotContain("junk.txt")
                .isEqualTo(output(run, "writes_outputs", "listing"));
    }

    @Test
    void aPythonStepThatImportsAModuleOfTheFolderLeavesItToTheNextStep() throws IOException {
        assumeTrue(onPath("python3"),
                "python3 is not on the PATH: this test runs a real python step");
        Files.writeString(code.resolve("flow.yaml"), """
                id: kept_python
                steps:
                  score:
                    type: python
                    function: scoring:score
                  after:
                    type: shell
                    needs: [score]
                    run: |
                      %s
                """.formatted(SEE));
        Files.writeString(code.resolve("scoring.py"), "import os\n\ndef score():\n"
                + "    return {'folder': str(os.stat('.').st_ino), 'cache': str(os.path.exists('__pycache__'))}\n");
        FlowFolders.apply(workspace, FlowFolder.read(code));

        Run run = workspace.await(workspace.start(StartRequest.of("kept_python")).id());
        assertThat(run.state()).as(run.error()).isEqualTo(RunState.SUCCEEDED);
        RunDetail detail = workspace.run(run.id());

        // importing scoring wrote no __pycache__ into the folder, which is then as it was laid out
        assertThat(output(detail, "score", "cache")).isEqualTo("False");
        assertThat(output(detail, "after", "folder")).isEqualTo(output(detail, "score", "folder"));
        assertThat(output(detail, "after", "listing")).doesNotContain("__pycache__");
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    @Test
    void aLaterRunOfTheSameFilesTakesAFolderAnEarlierRunKept() {
        RunDetail first = run();
        RunDetail second = run();

        // the last step's folder was kept; the one its step before dirtied was deleted, so its inode may come back
        assertThat(output(second, "writes_outputs", "folder")).isEqualTo(output(first, "fresh", "folder"));
    }
}

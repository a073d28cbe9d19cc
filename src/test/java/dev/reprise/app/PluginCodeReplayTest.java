package dev.reprise.app;

import dev.reprise.run.ReplayPlan;
import dev.reprise.run.ReplayRequest;
import dev.reprise.run.ReplayScope;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.testing.Eventually;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plugin's step handler replaced by a new jar: the steps it ran are stale in a replay's plan, with the code
 * change as the reason, although the flow did not change.
 */
class PluginCodeReplayTest {

    private static final String FLOW = """
            id: scored
            steps:
              score: { type: acme.score }
              report: { type: shell, needs: [score], inputs: { s: "{{ steps.score.outputs.s }}" }, run: "exit 1" }
            """;

    @TempDir
    Path folder;

    /** A plugin jar whose {@code acme.score} handler answers {@code s = score}. */
    private void writePlugin(Path plugins, int score) throws IOException {
        Path src = Files.createDirectories(folder.resolve("src" + score + "/acme"));
        Files.writeString(src.resolve("Score.java"), """
                package acme;
                import dev.reprise.engine.spi.StepContext;
                import dev.reprise.engine.spi.StepHandler;
                import java.util.Map;
                public final class Score implements StepHandler<Score.In> {
                    public record In() {}
                    public String type() { return "acme.score"; }
                    public Class<In> inputType() { return In.class; }
                    public Map<String, Object> run(In in, StepContext context) { return Map.of("s", %d); }
                }
                """.formatted(score));
        Path classes = Files.createDirectories(folder.resolve("classes" + score));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("Score.java").toString());
        assertThat(compiled).as("the plugin compiles").isZero();
        Files.createDirectories(plugins);
        try (OutputStream file = Files.newOutputStream(plugins.resolve("acme.jar"));
             JarOutputStream jar = new JarOutputStream(file)) {
            for (String name : new String[] {"acme/Score.class", "acme/Score$In.class"}) {
                jar.putNextEntry(new JarEntry(name));
                jar.write(Files.readAllBytes(classes.resolve(name)));
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("META-INF/services/dev.reprise.engine.spi.StepHandler"));
            jar.write("acme.Score\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }

    @Test
    void aReplacedPluginJarMakesTheStepsItRanStale() throws Exception {
        Path ws = folder.resolve("ws");
        writePlugin(ws.resolve("plugins"), 1);
        String runId;
        try (LocalWorkspace workspace = LocalWorkspaces.open(ws, LocalWorkspaces.Options.defaults())) {
            workspace.applyFlow(FLOW, "scored.yaml");
            runId = workspace.start(StartRequest.of("scored")).id();
            Eventually.waitFor("the run to end", () -> workspace.run(runId).run().state().isTerminal());
            assertThat(workspace.run(runId).run().state()).isEqualTo(RunState.FAILED);
            assertThat(workspace.run(runId).step("score").lastAttempt().fingerprint()).startsWith("jar:");
            assertThat(workspace.plan(runId, ReplayRequest.of(ReplayScope.failed())).step("score").action())
                    .as("the same jar: reused").isEqualTo(ReplayPlan.Action.REUSE);
        }

        writePlugin(ws.resolve("plugins"), 2);

        try (LocalWorkspace workspace = LocalWorkspaces.open(ws, LocalWorkspaces.Options.defaults())) {
            ReplayPlan plan = workspace.plan(runId, ReplayRequest.of(ReplayScope.failed()));
            assertThat(plan.step("score").action()).isEqualTo(ReplayPlan.Action.EXECUTE);
            assertThat(plan.step("score").stale()).isTrue();
            assertThat(plan.step("score").reason()).startsWith("the code of its handler (acme.score) changed since run "
                    + runId + " ran it: jar:");
            Run replay = workspace.replay(runId, ReplayRequest.of(ReplayScope.failed()));
            Eventually.waitFor("the replay to end", () -> workspace.run(replay.id()).run().state().isTerminal());
            assertThat(workspace.run(replay.id()).step("score").outputs().get("s").asInt()).as("the new code ran")
                    .isEqualTo(2);
        }
    }
}

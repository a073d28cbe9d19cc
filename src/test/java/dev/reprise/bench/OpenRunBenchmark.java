package dev.reprise.bench;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.gantt.GanttView;
import dev.reprise.ui.run.RunView;
import dev.reprise.ui.shell.ShellView;
import dev.reprise.workspace.LocalWorkspace;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.reprise.bench.FxBench.fx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opening a stored 10,000-step run in the window, as a person does (run with
 * {@code mvn -Pbench test -Dtest=OpenRunBenchmark}, headless Monocle): a child JVM makes the run, so this JVM
 * has read no step run and drawn no chart yet; the shell opens on the workspace and settles (its runs
 * browser shows the run); then {@link dev.reprise.ui.shell.ShellView#openRun} opens it and the clock runs
 * until the first pulse whose Gantt holds all 10,000 rows has been painted and rendered. The same again
 * after closing the tab gives the figure for a run opened later in the session. Before the first open the
 * benchmark does what the window does a second after its first frame, {@link ShellView#warmUp}, on the newest run;
 * {@code -Dbench.warmup=other} makes a 3-step run the newest (only code is warmed, not the big run's pages),
 * {@code -Dbench.warmup=none} skips it.
 */
@Tag("bench")
class OpenRunBenchmark {

    private static final int STEPS = 10_000;

    @TempDir
    Path folder;

    @Test
    void openStoredRun() throws Exception {
        System.setProperty("headless.geometry", "1280x800-32");
        // warm-up: "newest" (the app's: the newest run is the big one), "other" (the newest run is a small
        // one, so only the code is warmed, not the big run's pages), or "none"
        String warmUp = System.getProperty("bench.warmup", "newest");
        Path ws = folder.resolve("ws");
        makeRun(ws, warmUp.equals("other"));
        try (LocalWorkspace workspace = LocalWorkspaces.open(ws, LocalWorkspaces.Options.defaults());
             ShellStage stage = ShellStage.show(workspace)) {
            int runs = warmUp.equals("other") ? 2 : 1;
            ShellStage.waitUntil(() -> fx(() -> stage.shell().runsView().table().getItems().size() == runs));
            String runId = fx(() -> stage.shell().runsView().table().getItems().stream()
                    .filter(r -> r.flowId().equals("noop_10k")).findFirst().orElseThrow().id());
            String done = "nothing";
            if (!warmUp.equals("none")) {
                // what the window does a second after its first frame
                long t = System.nanoTime();
                CompletableFuture<String> warmed = fx(() -> stage.shell().warmUp());
                String warmedOn = warmed.get(60, TimeUnit.SECONDS);
                assertThat(warmedOn).isNotNull();
                done = String.format("the window's warm-up on the %s run (%.0f ms)",
                        warmedOn.equals(runId) ? "newest, this," : "newest, a 3-step,", (System.nanoTime() - t) / 1e6);
            }
            Thread.sleep(1000);
            System.out.printf("%nOpening a stored %,d-step run in the window (Java %s, %d cores, prism %s); before it:"
                            + " %s%n", STEPS, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("prism.order"), done);
            open(stage, runId, "first open in this JVM");
            for (int i = 2; i <= 5; i++) {
                fx(() -> {
                    stage.shell().closeSelectedRun();
                    return null;
                });
                Thread.sleep(500);
                open(stage, runId, "open #" + i);
            }
        }
    }

    /** Opens the run and prints the time to the first rendered pulse whose Gantt shows every row. */
    private static void open(ShellStage stage, String runId, String label) throws Exception {
        CompletableFuture<long[]> done = new CompletableFuture<>();
        long[] start = new long[1];
        Platform.runLater(() -> {
            Scene scene = stage.shell().getScene();
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                RunView view = stage.shell().selectedRunView();
                GanttView gantt = view == null ? null : view.gantt();
                if (gantt != null && gantt.model().rowCount() == STEPS && gantt.framesPainted() > 0) {
                    long painted = System.nanoTime();
                    scene.removePostLayoutPulseListener(listener[0]);
                    // the frame is rasterised after this pulse's layout; a snapshot does the same work now
                    gantt.snapshot(null, null);
                    done.complete(new long[]{painted, System.nanoTime()});
                }
            };
            scene.addPostLayoutPulseListener(listener[0]);
            start[0] = System.nanoTime();
            stage.shell().openRun(runId);
        });
        long[] marks = done.get(60, TimeUnit.SECONDS);
        System.out.printf("open run → first Gantt frame (%s): painted after %.1f ms, rendered after %.1f ms"
                + " (target < 500 ms)%n", label, (marks[0] - start[0]) / 1e6, (marks[1] - start[0]) / 1e6);
    }

    /** A child JVM applies a flow of 100 chains of 100 no-op steps and runs it once (then a 3-step flow). */
    private void makeRun(Path ws, boolean smallRunAfter) throws Exception {
        Path yaml = folder.resolve("noop_10k.yaml");
        Files.writeString(yaml, Flows.chains("noop_10k", 100, 100, "type: noop"));
        child(ws, yaml);
        if (smallRunAfter) {
            Path small = folder.resolve("small.yaml");
            Files.writeString(small, Flows.chains("small", 1, 3, "type: noop"));
            child(ws, small);
        }
    }

    private void child(Path ws, Path yaml) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = folder.resolve("child.log");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.reprise.app.Main",
                "--workspace", ws.toString(), "run", yaml.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(child.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(log)).isZero();
    }
}

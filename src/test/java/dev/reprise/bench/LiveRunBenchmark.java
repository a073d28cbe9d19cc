package dev.reprise.bench;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.Run;
import dev.reprise.run.StepRun;
import dev.reprise.ui.ShellStage;
import dev.reprise.ui.run.RunView;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import javafx.animation.AnimationTimer;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.reprise.bench.FxBench.fx;
import static dev.reprise.bench.FxBench.median;
import static dev.reprise.bench.FxBench.percentile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run growing live in the window (run with {@code mvn -Pbench test -Dtest=LiveRunBenchmark}, headless
 * Monocle): the shell opens on a workspace, a flow fans out over 5,000 instances of a no-op step that end
 * as fast as the engine can, and the run is opened in its tab as soon as it has started, so the Gantt, the
 * details pane and the step list follow it through its events. Each pulse, the FX thread's CPU time since
 * the previous pulse is taken (the batch of events applied, CSS, layout and painting of the Gantt); the
 * pulses in which the run's steps changed are summed up as median, p95 and max. A warm-up run comes first,
 * then three measured runs, each in a fresh tab.
 */
@Tag("bench")
class LiveRunBenchmark {

    private static final int INSTANCES = 5_000;
    private static final String FLOW = """
            id: fan_out
            steps:
              plan:
                type: list.range
                inputs: { count: %d }
              each:
                type: noop
                foreach: "{{ steps.plan.outputs.items }}"
            """.formatted(INSTANCES);

    @TempDir
    Path folder;

    @Test
    void liveFanOut() throws Exception {
        // the stage of ShellStage fits Monocle's headless screen as OpenRunBenchmark's does
        System.setProperty("headless.geometry", "1280x800-32");
        try (LocalWorkspace workspace = LocalWorkspaces.open(folder.resolve("ws"), LocalWorkspaces.Options.defaults());
             ShellStage stage = ShellStage.show(workspace)) {
            workspace.applyFlow(FLOW, "fan_out.yaml");
            System.out.printf("%nA %,d-wide fan-out of no-op steps growing live in the window (Java %s, %d cores,"
                            + " prism %s)%n", INSTANCES, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("prism.order"));
            follow(stage, workspace, "warm-up");
            List<Long> all = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                all.addAll(follow(stage, workspace, "run " + i));
            }
            long[] times = all.stream().mapToLong(Long::longValue).toArray();
            System.out.printf("live fan-out, FX-thread time per pulse with changes, all %d pulses of the three runs:"
                            + " median %.2f ms, p95 %.2f ms, max %.2f ms (target < 4 ms median)%n", times.length,
                    median(times) / 1e6, percentile(times, 0.95) / 1e6, max(times) / 1e6);
        }
    }

    /** Starts a run, opens it, and returns the FX-thread time of each pulse in which its steps changed. */
    private static List<Long> follow(ShellStage stage, LocalWorkspace workspace, String label) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> times = new ArrayList<>();
        int[] changedRows = new int[1];
        long[] totalRows = new long[1];
        AnimationTimer[] timer = new AnimationTimer[1];
        long started = System.nanoTime();
        Run run = workspace.start(StartRequest.of("fan_out"));
        RunView view = fx(() -> {
            stage.shell().openRun(run.id());
            RunView opened = stage.shell().selectedRunView();
            opened.model().steps().addListener((ListChangeListener<StepRun>) change -> {
                while (change.next()) {
                    changedRows[0] += change.wasReplaced() ? change.getAddedSize()
                            : change.getAddedSize() + change.getRemovedSize() + (change.wasUpdated() ? 1 : 0);
                }
            });
            timer[0] = new AnimationTimer() {
                private long lastCpu = threads.getCurrentThreadCpuTime();

                @Override
                public void handle(long now) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    if (changedRows[0] > 0) {
                        times.add(cpu - lastCpu);
                        totalRows[0] += changedRows[0];
                        changedRows[0] = 0;
                    }
                    lastCpu = cpu;
                }
            };
            timer[0].start();
            return opened;
        });
        workspace.await(run.id());
        long ended = System.nanoTime();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!fx(() -> view.model().detailProperty().get() != null
                && view.model().detailProperty().get().run().state().isTerminal() && !view.model().isFollowing())) {
            if (System.nanoTime() > deadline) {
                System.out.printf("%s: the run ended, its view still shows %s and is %sfollowing it%n", label,
                        fx(() -> view.model().detailProperty().get() == null ? "nothing"
                                : view.model().detailProperty().get().run().state()),
                        fx(() -> view.model().isFollowing()) ? "" : "not ");
                break;
            }
            Thread.sleep(50);
        }
        Thread.sleep(200);
        List<Long> measured = fx(() -> {
            timer[0].stop();
            stage.shell().runTabs().getTabs().removeIf(tab -> tab.getContent() == view);
            view.dispose();
            return List.copyOf(times);
        });
        assertThat(measured).isNotEmpty();
        long[] values = measured.stream().mapToLong(Long::longValue).toArray();
        System.out.printf("%-8s run of %.1f s, %d pulses with changes (%,d row changes): FX-thread time per pulse"
                        + " median %.2f ms, p95 %.2f ms, max %.2f ms%n", label, (ended - started) / 1e9,
                values.length, totalRows[0], median(values) / 1e6, percentile(values, 0.95) / 1e6, max(values) / 1e6);
        return measured;
    }

    private static long max(long[] values) {
        long max = 0;
        for (long v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}

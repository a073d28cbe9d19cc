package dev.reprise.bench;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowParser;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.ui.gantt.GanttModel;
import dev.reprise.ui.gantt.GanttView;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.StartRequest;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static dev.reprise.bench.FxBench.HEIGHT;
import static dev.reprise.bench.FxBench.WIDTH;
import static dev.reprise.bench.FxBench.fx;
import static dev.reprise.bench.FxBench.median;
import static dev.reprise.bench.FxBench.percentile;
import static dev.reprise.bench.FxBench.startToolkit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chart figures, printed (run with {@code mvn -Pbench test -Dtest=GanttBenchmark}, headless Monocle):
 * loading a stored 10,000-step run and painting the first Gantt frame; paint time per frame while panning
 * and zooming, at the default row height and fully zoomed out (every row on screen); the DAG's figures
 * are in {@link DagBenchmark}. "paint" is the canvas drawing on the FX thread; "paint+render" adds a
 * snapshot, which rasterises the frame on the software pipeline and reads it back (its blank-frame cost
 * is printed as a baseline).
 */
@Tag("bench")
class GanttBenchmark {

    @TempDir
    Path folder;

    @Test
    void charts() throws Exception {
        startToolkit();
        System.out.printf("%nChart benchmark: %d cores, Java %s, prism %s, %dx%d stage%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), System.getProperty("prism.order"),
                WIDTH, HEIGHT);
        String yaml = Flows.chains("noop_10k", 100, 100, "type: noop");
        Flow flow = new FlowParser().parse(yaml, "noop_10k.yaml");
        String runId;
        try (LocalWorkspace workspace = LocalWorkspaces.open(folder.resolve("ws"), LocalWorkspaces.Options.defaults())) {
            workspace.applyFlow(yaml, "noop_10k.yaml");
            long t = System.nanoTime();
            Run run = workspace.await(workspace.start(StartRequest.of("noop_10k")).id());
            assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
            runId = run.id();
            System.out.printf("10,000-step run stored in %.1f s%n", (System.nanoTime() - t) / 1e9);
        }
        try (LocalWorkspace workspace = LocalWorkspaces.open(folder.resolve("ws"), LocalWorkspaces.Options.defaults())) {
            firstFrame(workspace, runId, flow, "cold");
            firstFrame(workspace, runId, flow, "warm");
            RunDetail detail = workspace.run(runId);
            updates(detail, flow);
            frames(detail, flow);
        }
    }

    private void firstFrame(LocalWorkspace workspace, String runId, Flow flow, String label) throws Exception {
        long t0 = System.nanoTime();
        RunDetail detail = workspace.run(runId);
        long loaded = System.nanoTime();
        long[] marks = fx(() -> {
            long s = System.nanoTime();
            GanttView view = new GanttView();
            view.show(detail, flow);
            long shown = System.nanoTime();
            Stage stage = new Stage();
            stage.setScene(new Scene(view, WIDTH, HEIGHT));
            stage.show();
            view.applyCss();
            view.layout();
            view.paintNow();
            long painted = System.nanoTime();
            view.snapshot(null, null);
            long rendered = System.nanoTime();
            stage.close();
            return new long[]{s, shown, painted, rendered};
        });
        System.out.printf("first Gantt frame (%s): load %.1f ms + show %.1f ms + stage, CSS, layout and paint %.1f ms"
                        + " + render %.1f ms = %.1f ms (target < 500 ms; %d steps)%n",
                label, (loaded - t0) / 1e6, (marks[1] - marks[0]) / 1e6, (marks[2] - marks[1]) / 1e6,
                (marks[3] - marks[2]) / 1e6, (marks[3] - t0) / 1e6, detail.steps().size());
    }

    private void updates(RunDetail detail, Flow flow) throws Exception {
        double[] result = fx(() -> {
            long[] fresh = new long[10];
            long[] again = new long[10];
            for (int i = 0; i < fresh.length; i++) {
                GanttView view = new GanttView();
                long t = System.nanoTime();
                view.show(detail, flow);
                fresh[i] = System.nanoTime() - t;
                t = System.nanoTime();
                view.show(detail, flow);
                again[i] = System.nanoTime() - t;
            }
            return new double[]{median(fresh), median(again)};
        });
        System.out.printf("GanttView.show of 10,000 steps: first show %.1f ms, a newer detail of the same run %.1f ms"
                + " (median of 10, warm)%n", result[0] / 1e6, result[1] / 1e6);
    }

    private void frames(RunDetail detail, Flow flow) throws Exception {
        GanttView view = fx(() -> {
            GanttView v = new GanttView();
            v.show(detail, flow);
            Stage stage = new Stage();
            stage.setScene(new Scene(v, WIDTH, HEIGHT));
            stage.show();
            v.applyCss();
            v.layout();
            return v;
        });
        WritableImage buffer = fx(() -> new WritableImage(WIDTH, HEIGHT));
        double blank = fx(() -> {
            long[] times = new long[30];
            javafx.scene.canvas.Canvas empty = new javafx.scene.canvas.Canvas(WIDTH, HEIGHT);
            for (int i = 0; i < times.length; i++) {
                long t = System.nanoTime();
                empty.getGraphicsContext2D().fillRect(0, 0, WIDTH, HEIGHT);
                empty.snapshot(null, buffer);
                times[i] = System.nanoTime() - t;
            }
            return median(times);
        });
        System.out.printf("render baseline: snapshot of a blank %dx%d canvas %.2f ms%n", WIDTH, HEIGHT, blank / 1e6);

        measure(view, buffer, "rows 24 px, whole run across (~40 of 10,000 rows visible)", m -> {
        });
        measure(view, buffer, "zoomed in 50x in the middle of the run", m -> m.zoomAround(m.width() / 2, 50));
        measure(view, buffer, "fully zoomed out: every one of 10,000 rows and the whole run on screen", m -> m.fit());
    }

    private void measure(GanttView view, WritableImage buffer, String label,
                         java.util.function.Consumer<GanttModel> setUp) throws Exception {
        int frames = 240;
        long[][] result = fx(() -> {
            GanttModel model = view.model();
            model.setViewport(model.width(), model.height());
            view.zoomToFit();
            model.scrollTo(0);
            // the default row height: the fit of 10,000 rows makes them thinner than a pixel
            if (!label.startsWith("fully")) {
                model.zoomRowsAround(0, GanttModel.DEFAULT_ROW_HEIGHT / model.rowHeight());
                model.scrollTo(model.contentHeight() / 2);
            }
            setUp.accept(model);
            view.paintNow();
            long[] paint = new long[frames];
            long[] total = new long[frames];
            for (int i = 0; i < frames; i++) {
                switch (i % 4) {
                    case 0 -> model.panBy(7);
                    case 1 -> model.zoomAround(model.width() * 0.3, 1.08);
                    case 2 -> model.scrollBy(label.startsWith("fully") ? 0 : 40);
                    default -> model.zoomAround(model.width() * 0.6, 1 / 1.08);
                }
                long t = System.nanoTime();
                view.paintNow();
                long p = System.nanoTime();
                view.snapshot(null, buffer);
                long r = System.nanoTime();
                paint[i] = p - t;
                total[i] = r - t;
            }
            return new long[][]{paint, total};
        });
        long[] paint = result[0];
        long[] total = result[1];
        System.out.printf("Gantt frame, %s: paint median %.2f ms, p95 %.2f ms, max %.2f ms;"
                        + " paint+render median %.2f ms, p95 %.2f ms (target < 8 ms, %d frames of pan and zoom)%n",
                label, median(paint) / 1e6, percentile(paint, 0.95) / 1e6, Arrays.stream(paint).max().orElse(0) / 1e6,
                median(total) / 1e6, percentile(total, 0.95) / 1e6, frames);
    }
}

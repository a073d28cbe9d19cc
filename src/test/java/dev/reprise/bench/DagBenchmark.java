package dev.reprise.bench;

import dev.reprise.flow.Flow;
import dev.reprise.flow.FlowParser;
import dev.reprise.run.Run;
import dev.reprise.run.RunState;
import dev.reprise.ui.dag.DagLayout;
import dev.reprise.ui.dag.DagLayoutCache;
import dev.reprise.ui.dag.DagModel;
import dev.reprise.ui.dag.DagView;
import dev.reprise.workspace.RunDetail;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static dev.reprise.bench.FxBench.HEIGHT;
import static dev.reprise.bench.FxBench.WIDTH;
import static dev.reprise.bench.FxBench.fx;
import static dev.reprise.bench.FxBench.median;
import static dev.reprise.bench.FxBench.percentile;
import static dev.reprise.bench.FxBench.startToolkit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DAG figures, printed (run with {@code mvn -Pbench test -Dtest=DagBenchmark}, headless Monocle): ELK
 * layout of a 1,000-node DAG, cold and warm; the DAG view's first frame from a cached layout (after a
 * warm-up stage, so that "cold" is the view's first time and not the toolkit's); paint time
 * per frame while panning and zooming, with the whole graph fitted and zoomed in to scale 1; ELK layout of
 * 10,000 nodes (100 chains of 100, and the same chains cross-linked). "paint" is the canvas drawing on the
 * FX thread; "paint+render" adds a snapshot, which rasterises the frame on the software pipeline and
 * reads it back.
 */
@Tag("bench")
class DagBenchmark {

    private static final FlowParser PARSER = new FlowParser();

    @Test
    void dag() throws Exception {
        startToolkit();
        System.out.printf("%nDAG benchmark: %d cores, Java %s, prism %s, %dx%d stage%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), System.getProperty("prism.order"),
                WIDTH, HEIGHT);
        warmUpToolkit();
        Flow flow1k = PARSER.parse(crossLinked("dag_1k", 10, 100), "dag_1k.yaml");
        DagModel.Structure structure = DagModel.structure(flow1k);
        layout("1,000 nodes in 10 cross-linked chains", structure, 5, "target < 1 s");

        DagLayoutCache cache = new DagLayoutCache(4);
        cache.layout(structure, Runnable::run).join();
        RunDetail empty = emptyRun("dag_1k");
        firstFrame(cache, empty, flow1k, "cold");
        firstFrame(cache, empty, flow1k, "warm");
        frames(cache, empty, flow1k, "1,000 nodes");

        Flow chains = PARSER.parse(Flows.chains("noop_10k", 100, 100, "type: noop"), "noop_10k.yaml");
        DagModel.Structure big = DagModel.structure(chains);
        layout("10,000 nodes in 100 chains of 100", big, 3, "target < 2 s");
        cache.layout(big, Runnable::run).join();
        frames(cache, emptyRun("noop_10k"), chains, "10,000 nodes");
        layout("10,000 nodes in 100 cross-linked chains of 100",
                DagModel.structure(PARSER.parse(crossLinked("cross_10k", 100, 100), "cross_10k.yaml")), 2,
                "target < 2 s");
    }

    /**
     * Shows and renders a stage with a button first, so that "cold" below is the DAG's first time, not the
     * toolkit's (as when the DAG tab opens in a running app); prints the blank-canvas render baseline.
     */
    private void warmUpToolkit() throws Exception {
        double blank = fx(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(new Button("warm-up")),
                    WIDTH, HEIGHT));
            stage.show();
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            stage.getScene().getRoot().snapshot(null, null);
            stage.close();
            WritableImage buffer = new WritableImage(WIDTH, HEIGHT);
            Canvas empty = new Canvas(WIDTH, HEIGHT);
            long[] times = new long[30];
            for (int i = 0; i < times.length; i++) {
                long t = System.nanoTime();
                empty.getGraphicsContext2D().fillRect(0, 0, WIDTH, HEIGHT);
                empty.snapshot(null, buffer);
                times[i] = System.nanoTime() - t;
            }
            return (double) median(times);
        });
        System.out.printf("render baseline: snapshot of a blank %dx%d canvas %.2f ms%n", WIDTH, HEIGHT, blank / 1e6);
    }

    /** {@code wide} chains {@code deep} long, each step needing its chain's and the next chain's previous step. */
    private static String crossLinked(String id, int wide, int deep) {
        StringBuilder yaml = new StringBuilder("id: " + id + "\nsteps:\n");
        for (int layer = 0; layer < deep; layer++) {
            for (int i = 0; i < wide; i++) {
                yaml.append("  s").append(layer).append('_').append(i).append(": { type: noop");
                if (layer > 0) {
                    yaml.append(", needs: [s").append(layer - 1).append('_').append(i)
                            .append(", s").append(layer - 1).append('_').append((i + 1) % wide).append(']');
                }
                yaml.append(" }\n");
            }
        }
        return yaml.toString();
    }

    private static RunDetail emptyRun(String flowId) {
        return new RunDetail(Run.builder("r-bench", flowId, 1).name("bench").state(RunState.RUNNING).target("local")
                .rootRunId("r-bench").build(), List.of());
    }

    private void layout(String label, DagModel.Structure structure, int warmRuns, String target) {
        long t = System.nanoTime();
        DagLayout first = DagLayout.compute(structure);
        long cold = System.nanoTime() - t;
        long[] warm = new long[warmRuns];
        for (int i = 0; i < warm.length; i++) {
            long s = System.nanoTime();
            DagLayout.compute(structure);
            warm[i] = System.nanoTime() - s;
        }
        System.out.printf("ELK layered layout, %s (%d edges): cold %.0f ms, warm median %.0f ms, best %.0f ms;"
                        + " %.0f x %.0f px (%s)%n", label, structure.edges().size(), cold / 1e6, median(warm) / 1e6,
                Arrays.stream(warm).min().orElse(0) / 1e6, first.width(), first.height(), target);
        assertThat(first.nodes()).hasSize(structure.nodes().size());
    }

    private void firstFrame(DagLayoutCache cache, RunDetail empty, Flow flow, String label) throws Exception {
        long[] marks = new long[3];
        DagView view = fx(() -> {
            marks[0] = System.nanoTime();
            DagView v = new DagView(Runnable::run, cache);
            v.show(empty, flow);
            marks[1] = System.nanoTime();
            Stage stage = new Stage();
            stage.setScene(new Scene(v, WIDTH, HEIGHT));
            stage.show();
            v.applyCss();
            v.layout();
            v.paintNow();
            marks[2] = System.nanoTime();
            v.snapshot(null, null);
            return v;
        });
        long end = System.nanoTime();
        long recolour = fx(() -> {
            long r = System.nanoTime();
            view.show(empty, flow);
            view.paintNow();
            return System.nanoTime() - r;
        });
        fx(() -> {
            view.getScene().getWindow().hide();
            return null;
        });
        System.out.printf("DAG view of 1,000 nodes from a cached layout (%s): first frame %.0f ms (build %.1f ms,"
                        + " stage + CSS + layout + paint %.1f ms, render %.1f ms); show() of a newer detail and"
                        + " paint %.2f ms%n", label, (end - marks[0]) / 1e6, (marks[1] - marks[0]) / 1e6,
                (marks[2] - marks[1]) / 1e6, (end - marks[2]) / 1e6, recolour / 1e6);
    }

    private void frames(DagLayoutCache cache, RunDetail empty, Flow flow, String graph) throws Exception {
        DagView view = fx(() -> {
            DagView v = new DagView(Runnable::run, cache);
            v.show(empty, flow);
            Stage stage = new Stage();
            stage.setScene(new Scene(v, WIDTH, HEIGHT));
            stage.show();
            v.applyCss();
            v.layout();
            return v;
        });
        WritableImage buffer = fx(() -> new WritableImage(WIDTH, HEIGHT));
        measure(view, buffer, graph + ", whole graph fitted", false);
        measure(view, buffer, graph + ", zoomed in to scale 1 in the middle", true);
        fx(() -> {
            view.getScene().getWindow().hide();
            return null;
        });
    }

    private void measure(DagView view, WritableImage buffer, String label, boolean zoomedIn) throws Exception {
        int frames = 240;
        long[][] result = fx(() -> {
            view.zoomToFit();
            double fitted = view.scale();
            if (zoomedIn) {
                view.zoomAround(WIDTH / 2.0, HEIGHT / 2.0, 1 / fitted);
            }
            view.paintNow();
            long[] paint = new long[frames];
            long[] total = new long[frames];
            for (int i = 0; i < frames; i++) {
                switch (i % 4) {
                    case 0 -> view.panBy(7, 3);
                    case 1 -> view.zoomAround(WIDTH * 0.3, HEIGHT * 0.4, 1.08);
                    case 2 -> view.panBy(-5, -4);
                    default -> view.zoomAround(WIDTH * 0.6, HEIGHT * 0.5, 1 / 1.08);
                }
                long t = System.nanoTime();
                view.paintNow();
                long p = System.nanoTime();
                view.snapshot(null, buffer);
                long r = System.nanoTime();
                paint[i] = p - t;
                total[i] = r - t;
            }
            return new long[][]{paint, total, {Math.round(fitted * 1000), Math.round(view.scale() * 1000)}};
        });
        long[] paint = result[0];
        long[] total = result[1];
        System.out.printf("DAG frame, %s (scale %.3f): paint median %.2f ms, p95 %.2f ms, max %.2f ms;"
                        + " paint+render median %.2f ms, p95 %.2f ms (target < 8 ms, %d frames of pan and zoom)%n",
                label, (zoomedIn ? 1000 : result[2][0]) / 1000.0, median(paint) / 1e6, percentile(paint, 0.95) / 1e6,
                Arrays.stream(paint).max().orElse(0) / 1e6, median(total) / 1e6, percentile(total, 0.95) / 1e6,
                frames);
    }
}

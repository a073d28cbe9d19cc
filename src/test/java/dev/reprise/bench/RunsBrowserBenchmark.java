package dev.reprise.bench;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.store.H2Store;
import dev.reprise.ui.common.FxUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.runs.RunsView;
import dev.reprise.ui.runs.RunsViewModel;
import dev.reprise.workspace.LocalWorkspace;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static dev.reprise.bench.FxBench.HEIGHT;
import static dev.reprise.bench.FxBench.WIDTH;
import static dev.reprise.bench.FxBench.fx;
import static dev.reprise.bench.FxBench.median;
import static dev.reprise.bench.FxBench.percentile;
import static dev.reprise.bench.FxBench.startToolkit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runs browser on 100,000 stored runs (run with {@code mvn -Pbench test -Dtest=RunsBrowserBenchmark},
 * headless Monocle): the runs are committed straight into the store as {@link StoreQueryBenchmark} does,
 * then a {@link LocalWorkspace} opens the folder and the real {@link RunsViewModel} and {@link RunsView}
 * show it. Prints the time from setting a filter to its first page laid out in the table (target < 50 ms),
 * from scrolling to the table's end to the next page laid out (20 times), and per frame while scrolling
 * the virtualized table (layout, then layout and render; "render" is a snapshot, which rasterises the frame
 * on the software pipeline and reads it back).
 */
@Tag("bench")
class RunsBrowserBenchmark {

    @TempDir
    Path folder;

    @Test
    void runsBrowserAt100kRuns() throws Exception {
        startToolkit();
        Path ws = folder.resolve("ws");
        long t = System.nanoTime();
        try (H2Store store = H2Store.open(ws)) {
            StoreQueryBenchmark.fill(store.runs());
        }
        System.out.printf("%nRuns browser benchmark: %d cores, Java %s, prism %s, %dx%d stage; %,d runs stored in %.1f s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), System.getProperty("prism.order"),
                WIDTH, HEIGHT, StoreQueryBenchmark.RUNS, (System.nanoTime() - t) / 1e9);

        try (LocalWorkspace workspace = LocalWorkspaces.open(ws, LocalWorkspaces.Options.defaults());
             FxUiExecutor ui = new FxUiExecutor(2)) {
            RunsViewModel model = fx(() -> new RunsViewModel(workspace, ui, new Messages(), ZoneOffset.UTC));
            RunsView view = fx(() -> {
                RunsView v = new RunsView(model);
                Stage stage = new Stage();
                stage.setScene(new Scene(v, WIDTH, HEIGHT));
                stage.show();
                return v;
            });
            long open = System.nanoTime();
            await(view, model, () -> model.start());
            System.out.printf("runs browser: first page, no filter, from start to rows laid out: %.1f ms (cold)%n",
                    (System.nanoTime() - open) / 1e6);

            queryOnly(workspace);
            firstPages(view, model);
            nextPages(view, model);
            scrollFrames(view);
            fx(() -> {
                model.close();
                view.getScene().getWindow().hide();
                return null;
            });
        }
    }

    /** The store's part alone, through the workspace, for comparison with the figures through the UI. */
    private static void queryOnly(LocalWorkspace workspace) {
        RunQuery query = RunQuery.all().withStates(EnumSet.of(RunState.FAILED)).withLimit(RunsViewModel.PAGE_SIZE);
        for (int i = 0; i < 5; i++) {
            workspace.runs(query);
        }
        long[] times = new long[21];
        for (int i = 0; i < times.length; i++) {
            long s = System.nanoTime();
            workspace.runs(query);
            times[i] = System.nanoTime() - s;
        }
        System.out.printf("runs browser: Workspace.runs of a page of %d, state FAILED (query only): median %.2f ms%n",
                RunsViewModel.PAGE_SIZE, median(times) / 1e6);
    }

    private record Filter(String name, Consumer<RunsViewModel> set) {
    }

    /** From setting a filter on the view model to its first page laid out in the table, each filter in turn. */
    private static void firstPages(RunsView view, RunsViewModel model) throws Exception {
        List<Filter> filters = List.of(
                new Filter("state FAILED (~5%)", m -> m.stateFilterProperty().set(RunState.FAILED)),
                new Filter("flow flow-07", m -> m.flowFilterProperty().set("flow-07")),
                new Filter("label team=t3", m -> m.labelFilterProperty().set("team=t3")),
                new Filter("text 'nightly'", m -> m.textFilterProperty().set("nightly")),
                new Filter("flow + state + label", m -> {
                    m.flowFilterProperty().set("flow-07");
                    m.stateFilterProperty().set(RunState.SUCCEEDED);
                    m.labelFilterProperty().set("env=prod");
                }));
        for (int round = 0; round < 2; round++) { // warm-up
            for (Filter filter : filters) {
                firstPage(view, model, filter);
            }
        }
        List<Long> all = new ArrayList<>();
        for (Filter filter : filters) {
            long[] times = new long[11];
            long[] layouts = new long[times.length];
            for (int i = 0; i < times.length; i++) {
                times[i] = firstPage(view, model, filter);
                layouts[i] = fx(() -> lastLayout);
                all.add(times[i]);
            }
            System.out.printf("runs browser: first page with filter %-22s median %6.1f ms (of which CSS + layout %4.1f ms),"
                            + " max %6.1f ms (%d rows)%n", filter.name(), median(times) / 1e6, median(layouts) / 1e6,
                    Arrays.stream(times).max().orElse(0) / 1e6, fx(() -> model.runs().size()));
        }
        long[] every = all.stream().mapToLong(Long::longValue).toArray();
        System.out.printf("runs browser: first filtered page of %,d runs, all filters: median %.1f ms, p95 %.1f ms"
                + " (target < 50 ms)%n", StoreQueryBenchmark.RUNS, median(every) / 1e6, percentile(every, 0.95) / 1e6);
    }

    private static long firstPage(RunsView view, RunsViewModel model, Filter filter) throws Exception {
        fx(() -> {
            model.clearFilters();
            return null;
        });
        awaitIdle(model);
        return await(view, model, () -> filter.set().accept(model));
    }

    /** Scrolls to the table's end, which loads the next page; the time until it is appended and laid out. */
    private static void nextPages(RunsView view, RunsViewModel model) throws Exception {
        fx(() -> {
            model.clearFilters();
            return null;
        });
        awaitIdle(model);
        long[] times = new long[20];
        for (int i = 0; i < times.length; i++) {
            int before = fx(() -> model.runs().size());
            times[i] = await(view, model, () -> {
                // the rows near the end ask for the next page as they are laid out
                view.table().scrollTo(model.runs().size() - 1);
                view.table().layout();
            });
            assertThat(fx(() -> model.runs().size())).isGreaterThan(before);
        }
        System.out.printf("runs browser: next page of %d on scrolling to the end, 20 times: median %.1f ms, max %.1f ms"
                        + " (%,d rows loaded)%n", RunsViewModel.PAGE_SIZE, median(times) / 1e6,
                Arrays.stream(times).max().orElse(0) / 1e6, fx(() -> model.runs().size()));
    }

    /** Per frame: scroll the virtualized table by a few rows, lay it out; then the same with rendering. */
    private static void scrollFrames(RunsView view) throws Exception {
        TableView<Run> table = view.table();
        WritableImage buffer = fx(() -> new WritableImage(WIDTH, HEIGHT));
        double blank = fx(() -> {
            javafx.scene.canvas.Canvas empty = new javafx.scene.canvas.Canvas(WIDTH, HEIGHT);
            long[] times = new long[20];
            for (int i = 0; i < times.length; i++) {
                long s = System.nanoTime();
                empty.getGraphicsContext2D().fillRect(0, 0, WIDTH, HEIGHT);
                empty.snapshot(null, buffer);
                times[i] = System.nanoTime() - s;
            }
            return (double) median(times);
        });
        long[][] result = fx(() -> {
            table.scrollTo(0);
            VirtualFlow<?> flow = (VirtualFlow<?>) table.lookup(".virtual-flow");
            int frames = 150;
            long[] layout = new long[frames];
            long[] total = new long[frames];
            for (int i = 0; i < frames; i++) {
                long s = System.nanoTime();
                flow.scrollPixels(i < 20 ? 24 : 57); // a wheel notch and a fling's step
                table.applyCss();
                table.layout();
                long laidOut = System.nanoTime();
                view.snapshot(null, buffer);
                long rendered = System.nanoTime();
                layout[i] = laidOut - s;
                total[i] = rendered - s;
            }
            return new long[][]{layout, total};
        });
        System.out.printf("runs browser: scrolling frame (scroll + CSS + layout): median %.2f ms, p95 %.2f ms, max %.2f ms;"
                        + " with render (a snapshot of the %dx%d view): median %.2f ms, p95 %.2f ms (%d frames;"
                        + " the same snapshot of a filled canvas, as a baseline: %.2f ms)%n",
                median(result[0]) / 1e6, percentile(result[0], 0.95) / 1e6, Arrays.stream(result[0]).max().orElse(0) / 1e6,
                WIDTH, HEIGHT, median(result[1]) / 1e6, percentile(result[1], 0.95) / 1e6, result[0].length, blank / 1e6);
    }

    /**
     * Runs {@code action} on the FX thread and waits until the model has loaded what it asked for and the
     * table has been laid out; the nanoseconds from the action to then.
     */
    private static long await(RunsView view, RunsViewModel model, Runnable action) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        fx(() -> {
            long start = System.nanoTime();
            javafx.beans.value.ChangeListener<Boolean>[] listener = new javafx.beans.value.ChangeListener[1];
            listener[0] = (o, was, loading) -> {
                if (!loading) {
                    model.loadingProperty().removeListener(listener[0]);
                    lastLayoutStart = System.nanoTime();
                    view.applyCss();
                    view.layout();
                    long end = System.nanoTime();
                    lastLayout = end - lastLayoutStart;
                    done.complete(end - start);
                }
            };
            model.loadingProperty().addListener(listener[0]);
            action.run();
            if (!model.loadingProperty().get() && !done.isDone()) {
                model.loadingProperty().removeListener(listener[0]);
                done.completeExceptionally(new IllegalStateException("the action loaded nothing"));
            }
            return null;
        });
        return done.get(60, TimeUnit.SECONDS);
    }

    /** The CSS and layout part of the last {@link #await}; FX thread only. */
    private static long lastLayout;
    private static long lastLayoutStart;

    private static void awaitIdle(RunsViewModel model) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fx(() -> model.loadingProperty().get()) && System.nanoTime() < until) {
            Thread.sleep(2);
        }
    }

}

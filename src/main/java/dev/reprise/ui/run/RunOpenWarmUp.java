package dev.reprise.ui.run;

import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UiExecutor;
import dev.reprise.workspace.Workspace;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Opens the newest run once out of sight, as the window opens a run — the store's read of its step runs,
 * the parse of its flow, a {@link RunView} styled and laid out in a scene that is never shown, its Gantt
 * painted — and throws it all away. A fresh JVM runs new code slowly: it loads classes, styles controls it
 * has never styled and interprets before the JIT compiles. Without this the first run a person opens pays
 * for all of that (a stored 10,000-step run's first Gantt frame ~700 ms instead of ~400 ms, see
 * OpenRunBenchmark). The newest run is also the likeliest to be opened next, and its pages are then in the
 * store's cache. Nothing of it reaches the user: errors go to a private message list. FX thread.
 */
public final class RunOpenWarmUp {

    private RunOpenWarmUp() {
    }

    /**
     * Starts the warm-up; the future completes with the run's id once its view has been painted and disposed
     * (null when the workspace has no run), or with the error that stopped it.
     *
     * @param like        the window's scene: its size, its stylesheets and its root's style classes are used
     * @param stylesheets the stylesheets of the run view's parent in the window
     */
    public static CompletableFuture<String> start(Workspace workspace, UiExecutor ui, Scene like, List<String> stylesheets) {
        CompletableFuture<String> done = new CompletableFuture<>();
        ui.submit(() -> workspace.runs(RunQuery.all().withLimit(1)).runs(), newest -> {
            if (newest.isEmpty()) {
                done.complete(null);
                return;
            }
            open(newest.get(0), workspace, ui, like, stylesheets, done);
        }, done::completeExceptionally);
        return done;
    }

    private static void open(Run run, Workspace workspace, UiExecutor ui, Scene like, List<String> stylesheets,
                             CompletableFuture<String> done) {
        Messages quiet = new Messages();
        RunViewModel model = new RunViewModel(run.id(), workspace, ui, quiet);
        RunView view = new RunView(model, ui, quiet, id -> { }, null);
        StackPane root = new StackPane(view);
        root.getStylesheets().setAll(stylesheets);
        if (like.getRoot() != null) {
            root.getStyleClass().setAll(like.getRoot().getStyleClass());
        }
        Scene offscreen = new Scene(root, Math.max(400, like.getWidth()), Math.max(300, like.getHeight()));
        offscreen.getStylesheets().setAll(like.getStylesheets());
        Runnable finish = () -> {
            if (!done.isDone()) {
                root.applyCss();
                root.layout();
                view.gantt().paintNow();
                view.dispose();
                root.getChildren().clear();
                done.complete(run.id());
            }
        };
        // the definition arrives after the step runs: once it is there, the view has seen all it will
        model.flowProperty().addListener((o, a, flow) -> finish.run());
        quiet.all().addListener((ListChangeListener<Messages.Message>) change -> {
            if (!done.isDone()) {
                view.dispose();
                done.completeExceptionally(new IllegalStateException(quiet.all().get(0).text()));
            }
        });
        model.open();
    }
}

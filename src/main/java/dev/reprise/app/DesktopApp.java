package dev.reprise.app;

import dev.reprise.ui.common.FxUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.shell.ShellView;
import dev.reprise.ui.shell.ShellViewModel;
import dev.reprise.workspace.BundledExamples;
import dev.reprise.workspace.Workspace;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The desktop window's lifetime: starts the JavaFX toolkit, builds the shell on the given workspace with
 * one {@link FxUiExecutor}, shows it, and when the window closes disposes the views, stops the toolkit and
 * the executor. The caller owns (and closes) the workspace. Not reentrant: one window per process.
 */
final class DesktopApp {

    private DesktopApp() {
    }

    /** Shows the window and blocks until the user closes it. */
    static void show(Workspace workspace) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<ShellView> shell = new AtomicReference<>();
        try (FxUiExecutor executor = new FxUiExecutor(4)) {
            Platform.setImplicitExit(false);
            Platform.startup(() -> {
                ShellViewModel model = new ShellViewModel(workspace, executor, new Messages(),
                        BundledExamples.locate(), ZoneId.systemDefault());
                ShellView view = new ShellView(model);
                shell.set(view);
                Rectangle2D screen = Screen.getPrimary().getVisualBounds();
                Scene scene = new Scene(view, Math.min(1600, screen.getWidth()), Math.min(1000, screen.getHeight()));
                view.attach(scene);
                Stage stage = new Stage();
                stage.setTitle("Reprise — " + workspace.location());
                stage.setScene(scene);
                stage.setOnHidden(e -> closed.countDown());
                stage.show();
                model.start();
            });
            closed.await();
            CountDownLatch disposed = new CountDownLatch(1);
            Platform.runLater(() -> {
                try {
                    if (shell.get() != null) {
                        shell.get().dispose();
                    }
                } finally {
                    disposed.countDown();
                }
            });
            disposed.await();
            Platform.exit();
        }
    }
}

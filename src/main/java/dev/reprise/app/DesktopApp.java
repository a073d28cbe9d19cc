package dev.reprise.app;

import dev.reprise.client.RemoteWorkspace;
import dev.reprise.ui.common.FxUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.Theme;
import dev.reprise.ui.common.ThemeModel;
import dev.reprise.ui.common.ThemeSettings;
import dev.reprise.ui.common.UncaughtErrors;
import dev.reprise.ui.connect.WorkspaceShell;
import dev.reprise.ui.shell.DesktopNotifier;
import dev.reprise.workspace.BundledExamples;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static javafx.util.Duration.seconds;

/**
 * The desktop window's lifetime: starts the JavaFX toolkit, builds the {@link WorkspaceShell} on the local
 * workspace (and the saved servers of {@code connectionsFile}) with one {@link FxUiExecutor} and the theme
 * saved in {@code settingsFile} (or the system's), shows it, and
 * when the window closes disposes the views, closes any server connection, stops the toolkit and the
 * executor. The local workspace may still be opening when it is called: the window is built meanwhile and shown
 * once the workspace is in it (or why it could not be opened), so that its first frame is its layout. The caller
 * owns (and closes) the local workspace. Not reentrant: one window per process.
 */
final class DesktopApp {

    private DesktopApp() {
    }

    /**
     * Logs, once, how long after the JVM started the window's first frame was laid out (REPRISE_LOG_LEVEL=info), and
     * then completes {@code firstFrame}.
     */
    private static void reportFirstFrame(Scene scene, CompletableFuture<Void> firstFrame) {
        Runnable once = new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
                LoggerFactory.getLogger(DesktopApp.class).info("first frame {} ms after launch", uptime);
                firstFrame.complete(null);
            }
        };
        scene.addPostLayoutPulseListener(once);
    }

    /** A second after the first frame, the window opens its newest run out of sight once (see ShellView#warmUp). */
    private static void warmUpWhenIdle(WorkspaceShell view) {
        PauseTransition idle = new PauseTransition(seconds(1));
        idle.setOnFinished(e -> {
            if (view.shell() != null) {
                view.shell().warmUp().exceptionally(error -> {
                    LoggerFactory.getLogger(DesktopApp.class).debug("warm-up skipped: {}", error.toString());
                    return null;
                });
            }
        });
        idle.play();
    }

    /** Runs {@code action} once {@code view} has something to show (see {@link WorkspaceShell#readyProperty()}). */
    private static void whenReady(WorkspaceShell view, Runnable action) {
        if (view.readyProperty().get()) {
            action.run();
            return;
        }
        view.readyProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> property, Boolean was, Boolean ready) {
                if (ready) {
                    property.removeListener(this);
                    action.run();
                }
            }
        });
    }

    /**
     * Reprise's icon (assets/icon) for the title bar and the task switcher. Loaded at once, not in the background:
     * a stage takes no icon that is still loading, and the three small files take a few milliseconds.
     */
    private static void addIcons(Stage stage) {
        for (int size : new int[] {16, 32, 256}) {
            URL url = DesktopApp.class.getResource("icon/reprise-" + size + ".png");
            if (url != null) {
                stage.getIcons().add(new Image(url.toExternalForm()));
            }
        }
    }

    /**
     * Shows the window on the local workspace in {@code folder}, opened or still {@code opening}, and blocks until the
     * user closes it. Completes {@code firstFrame} once the window has laid out its first frame.
     */
    static void show(CompletableFuture<LocalHolding> opening, Path folder, CompletableFuture<Void> firstFrame,
                     Path connectionsFile, Path settingsFile) throws InterruptedException {
        // the toolkit first: it starts in about the time the workspace takes to open, which goes on meanwhile
        Platform.setImplicitExit(false);
        Platform.startup(() -> { });
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<WorkspaceShell> shell = new AtomicReference<>();
        AppPlaces places = new AppPlaces(opening, connectionsFile, RemoteWorkspace.Options.defaults());
        ThemeSettings themeSettings = new AppThemeSettings(new SettingsFile(settingsFile),
                SystemTheme.ofThisMachine(Duration.ofSeconds(2)));
        Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        try (FxUiExecutor executor = new FxUiExecutor(4)) {
            Messages messages = new Messages();
            // what nobody caught, on the FX thread or any other, is logged and shown in the banner
            Thread.setDefaultUncaughtExceptionHandler(new UncaughtErrors(messages, executor));
            Platform.runLater(() -> {
                Theme.useLightBeforeAnyControl();
                WorkspaceShell view = new WorkspaceShell(places, executor, messages, BundledExamples.locate(),
                        ZoneId.systemDefault(), new ThemeModel(themeSettings, executor, messages),
                        DesktopNotifier.forDesktop(System.getProperty("os.name", ""), System.getenv()));
                shell.set(view);
                Rectangle2D screen = Screen.getPrimary().getVisualBounds();
                Scene scene = new Scene(view, Math.min(1600, screen.getWidth()), Math.min(1000, screen.getHeight()));
                Stage stage = new Stage();
                addIcons(stage);
                // the place is set once its workspace has opened: the local one's location is known from then on
                stage.titleProperty().bind(Bindings.createStringBinding(() -> "Reprise — "
                        + (view.placeProperty().get() == null ? folder.toString()
                        : view.placeProperty().get().isLocal()
                        // the local workspace's location says who holds it when another process does
                        ? places.opened().map(opened -> opened.current().location()).orElse(folder.toString())
                        : view.placeProperty().get().url()), view.placeProperty()));
                stage.setScene(scene);
                stage.setOnHidden(e -> closed.countDown());
                reportFirstFrame(scene, firstFrame);
                view.start(scene);
                whenReady(view, () -> {
                    stage.show();
                    // some window managers (openbox, seen here) map the window at a default 200 x 200 and ignore
                    // the scene's size: ask for it again once the window is shown
                    stage.setWidth(scene.getWidth());
                    stage.setHeight(scene.getHeight());
                    warmUpWhenIdle(view);
                });
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
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        }
    }
}

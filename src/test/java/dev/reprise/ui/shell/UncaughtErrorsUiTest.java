package dev.reprise.ui.shell;

import dev.reprise.ui.TestWorkspaces;
import dev.reprise.ui.common.FxUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.UncaughtErrors;
import dev.reprise.workspace.LocalWorkspace;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An exception nobody caught, thrown on the FX thread, in the window's banner (headless Monocle). */
class UncaughtErrorsUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private final Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    private LocalWorkspace workspace;
    private FxUiExecutor executor;
    private ShellView shell;

    @AfterEach
    void close() throws Exception {
        Thread.setDefaultUncaughtExceptionHandler(previous);
        if (shell != null) {
            FxToolkit.setupFixture(() -> shell.dispose());
        }
        FxToolkit.cleanupStages();
        executor.close();
        workspace.close();
    }

    @Test
    void anExceptionThrownInAnFxCallbackIsShownInTheBanner() throws Exception {
        FxToolkit.registerPrimaryStage();
        workspace = TestWorkspaces.open(folder.resolve("ws"));
        executor = new FxUiExecutor(2);
        Messages messages = new Messages();
        FxToolkit.setupStage(stage -> {
            ShellViewModel model = new ShellViewModel(workspace, executor, messages, Optional.empty(), ZoneOffset.UTC);
            shell = new ShellView(model);
            Scene scene = new Scene(shell, 1200, 760);
            shell.attach(scene);
            stage.setScene(scene);
            stage.show();
            model.start();
        });
        // what the app's composition root installs
        Thread.setDefaultUncaughtExceptionHandler(new UncaughtErrors(messages, executor));

        Platform.runLater(() -> {
            throw new IllegalStateException("the chart lost its rows");
        });

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#banner-text").queryAll().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        Label banner = robot.lookup("#banner-text").queryAs(Label.class);
        assertThat(banner.getText()).isEqualTo("Unexpected error: the chart lost its rows (IllegalStateException)");
        assertThat(robot.lookup("#banner").query().getStyleClass()).contains("error");
    }
}

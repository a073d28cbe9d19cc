package dev.reprise.app;

import dev.reprise.client.RemoteWorkspace;
import dev.reprise.ui.common.FxUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.common.ThemeMode;
import dev.reprise.ui.common.ThemeModel;
import dev.reprise.ui.connect.WorkspaceShell;
import dev.reprise.ui.shell.DesktopNotifier;
import dev.reprise.workspace.LocalWorkspace;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The window follows a dark system, and the toggle's choice is saved in the settings file. */
class ThemeUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspace local;
    private FxUiExecutor executor;
    private WorkspaceShell shell;
    private Scene scene;
    private SettingsFile settings;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void start() throws Exception {
        local = LocalWorkspaces.open(folder.resolve("local"), LocalWorkspaces.Options.defaults().withParallelism(1));
        executor = new FxUiExecutor(2);
        settings = new SettingsFile(folder.resolve("settings.json"));
        SystemTheme darkGnome = new SystemTheme("Linux", (command, timeout) -> Optional.of(
                command.equals(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme"))
                        ? "'prefer-dark'" : ""), Duration.ofSeconds(1));
        AppPlaces places = new AppPlaces(local, folder.resolve("connections.json"), RemoteWorkspace.Options.defaults());
        FxToolkit.setupStage(stage -> {
            Messages messages = new Messages();
            shell = new WorkspaceShell(places, executor, messages, Optional.empty(), ZoneOffset.UTC,
                    new ThemeModel(new AppThemeSettings(settings, darkGnome), executor, messages), DesktopNotifier.NONE);
            scene = new Scene(shell, 1000, 700);
            stage.setScene(scene);
            stage.show();
            shell.start(scene);
        });
        waitUntil(() -> shell.shell() != null);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.setupFixture(() -> shell.dispose());
        FxToolkit.cleanupStages();
        executor.close();
        local.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean looksDark() {
        return scene.getRoot().getStyleClass().contains("dark")
                || shell.shell().getStyleClass().contains("dark");
    }

    @Test
    void followsADarkSystemThenSavesTheToggledChoiceAndCanFollowTheSystemAgain() throws Exception {
        waitUntil(() -> shell.theme().darkProperty().get() && looksDark());
        assertThat(settings.read().theme()).isEqualTo(ThemeMode.SYSTEM);

        robot.clickOn("#theme-toggle");
        waitUntil(() -> settings.read().theme() == ThemeMode.LIGHT);
        assertThat(looksDark()).isFalse();

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.T).release(KeyCode.T, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil(() -> settings.read().theme() == ThemeMode.SYSTEM && looksDark());
    }
}

package dev.reprise.app;

import dev.reprise.client.RemoteWorkspace;
import dev.reprise.ui.common.FxUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.connect.WorkspaceShell;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.WorkspaceBusyException;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window built while its local workspace is still opening, headless: it has something to show (and the app
 * shows it) only once the workspace has opened, and a workspace that cannot be opened is said in the window.
 */
class OpeningWindowUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private final Messages messages = new Messages();
    private FxUiExecutor executor;
    private LocalWorkspace local;
    private WorkspaceShell shell;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        if (shell != null) {
            FxToolkit.setupFixture(() -> shell.dispose());
        }
        FxToolkit.cleanupStages();
        executor.close();
        if (local != null) {
            local.close();
        }
    }

    private void startWindow(CompletableFuture<LocalHolding> opening) throws Exception {
        executor = new FxUiExecutor(2);
        AppPlaces places = new AppPlaces(opening, folder.resolve("connections.json"), RemoteWorkspace.Options.defaults());
        FxToolkit.setupStage(stage -> {
            shell = new WorkspaceShell(places, executor, messages, Optional.empty(), ZoneOffset.UTC);
            Scene scene = new Scene(shell, 1200, 760);
            stage.setScene(scene);
            stage.show();
            shell.start(scene);
        });
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theWindowHasSomethingToShowOnlyOnceItsWorkspaceHasOpened() throws Exception {
        CompletableFuture<LocalHolding> opening = new CompletableFuture<>();
        startWindow(opening);
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shell.readyProperty().get()).isFalse();
        assertThat(shell.shell()).isNull();

        local = LocalWorkspaces.open(folder.resolve("ws"), LocalWorkspaces.Options.defaults().withParallelism(1));
        opening.complete(LocalHolding.of(local));

        waitUntil(() -> shell.readyProperty().get());
        assertThat(shell.shell()).isNotNull();
        assertThat(robot.lookup("#runs-table").tryQuery()).isPresent();
        assertThat(robot.lookup("#workspace-location").queryAs(Label.class).getText()).isEqualTo(local.location());
    }

    @Test
    void aWorkspaceThatCannotBeOpenedIsSaidInTheWindowBesideTheSwitcher() throws Exception {
        String why = "workspace " + folder + " is in use by another process (its database is open); close it first";
        startWindow(CompletableFuture.failedFuture(new WorkspaceBusyException(why)));

        waitUntil(() -> shell.readyProperty().get());
        assertThat(shell.shell()).isNull();
        assertThat(robot.lookup("#open-failure").queryAs(Label.class).getText())
                .isEqualTo("Opening Local workspace failed: " + why);
        assertThat(robot.lookup("#workspace-switcher").tryQuery()).isPresent();
        assertThat(messages.all()).extracting(Messages.Message::text)
                .containsExactly("Opening Local workspace failed: " + why);
    }
}

package dev.reprise.app;

import dev.reprise.client.RemoteWorkspace;
import dev.reprise.cli.Connections;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.server.TokenStore;
import dev.reprise.server.WorkspaceServer;
import dev.reprise.ui.common.FxUiExecutor;
import dev.reprise.ui.common.Messages;
import dev.reprise.ui.connect.WorkspaceShell;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window across workspaces, headless: <em>Connect to server…</em> against a real server on loopback
 * (a wrong token is refused in the dialog, the right one saved and shown), and <em>Replay locally</em> of
 * the server's failed run into the local workspace.
 */
class ConnectUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspace served;
    private WorkspaceServer server;
    private String token;
    private LocalWorkspace local;
    private FxUiExecutor executor;
    private WorkspaceShell shell;
    private Run failed;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void start() throws Exception {
        served = LocalWorkspaces.open(folder.resolve("server"), LocalWorkspaces.Options.defaults().withParallelism(2));
        Path flow = Path.of("assets", "examples", "bike_trips", "flow.yaml");
        served.applyFlow(Files.readString(flow), flow.toString());
        failed = served.await(served.start(StartRequest.of("bike_trips")).id());
        token = new TokenStore(folder.resolve("server"), Clock.systemUTC()).create("ui").token();
        server = WorkspaceServer.start(served, new TokenStore(folder.resolve("server"), Clock.systemUTC()),
                WorkspaceServer.Config.defaults().withAddress("127.0.0.1", 0));
        local = LocalWorkspaces.open(folder.resolve("local"), LocalWorkspaces.Options.defaults().withParallelism(2));
        executor = new FxUiExecutor(2);
        AppPlaces places = new AppPlaces(local, folder.resolve("connections.json"), RemoteWorkspace.Options.defaults());
        FxToolkit.setupStage(stage -> {
            shell = new WorkspaceShell(places, executor, new Messages(), Optional.empty(), ZoneOffset.UTC);
            Scene scene = new Scene(shell, 1200, 760);
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
        server.close();
        served.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void connectThroughTheDialog() throws Exception {
        Platform.runLater(shell::connect);
        waitUntil(() -> robot.lookup("#connect-url").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#connect-url").queryTextInputControl().setText(url()));
        robot.clickOn("#connect-token").write("not-the-token");
        robot.clickOn("#connect-button");
        waitUntil(() -> !robot.lookup("#connect-error").queryAs(Label.class).getText().isEmpty());
        assertThat(robot.lookup("#connect-error").queryAs(Label.class).getText()).containsIgnoringCase("token");
        assertThat(new Connections(folder.resolve("connections.json")).all()).isEmpty();

        robot.interact(() -> robot.lookup("#connect-token").queryTextInputControl().setText(token));
        robot.clickOn("#connect-button");
        waitUntil(() -> robot.lookup("#connect-url").tryQuery().isEmpty()
                && shell.placeProperty().get() != null && !shell.placeProperty().get().isLocal());
    }

    @Test
    void aWrongTokenIsRefusedInTheDialogAndTheRightOneShowsTheServer() throws Exception {
        connectThroughTheDialog();

        assertThat(new Connections(folder.resolve("connections.json")).find(url())).hasValueSatisfying(
                c -> assertThat(c.token()).isEqualTo(token));
        assertThat(robot.lookup("#workspace-switcher").queryAs(MenuButton.class).getText()).isEqualTo(url());
        waitUntil(() -> shell.shell().runsView().lookup("#runs-table") != null
                && robot.lookup("#runs-table .table-row-cell").tryQuery().isPresent());
    }

    @Test
    void replayLocallyRunsTheServersRunInTheLocalWorkspaceAndOpensIt() throws Exception {
        connectThroughTheDialog();
        robot.interact(() -> shell.shell().openRun(failed.id()));
        waitUntil(() -> shell.shell().selectedRunId().isPresent());

        robot.clickOn("#replay-locally");

        // the same replay form as any replay, its target this machine; nothing is fetched until Replay
        waitUntil(() -> robot.lookup("#replay-destination").tryQuery().isPresent()
                && !robot.lookup("#replay-confirm").queryButton().isDisabled());
        assertThat(robot.lookup("#replay-destination").queryLabeled().getText()).isEqualTo("runs on this machine");
        assertThat(robot.lookup("#replay-scope").queryComboBox().getValue()).hasToString("FAILED");
        assertThat(local.runs(RunQuery.all()).runs()).extracting(Run::id).as("nothing imported before Replay")
                .doesNotContain(failed.id());
        robot.clickOn("#replay-confirm");

        waitUntil(() -> shell.placeProperty().get().isLocal() && shell.shell() != null
                && shell.shell().selectedRunId().filter(id -> !id.equals(failed.id())).isPresent());
        String replayId = shell.shell().selectedRunId().orElseThrow();
        Run replay = local.await(replayId);
        assertThat(replay.parentRunId()).isEqualTo(failed.id());
        assertThat(replay.state()).isEqualTo(RunState.FAILED); // the original revision fails again, as on the server
        assertThat(local.run(failed.id()).run().target()).isEqualTo("server:" + url());
    }
}

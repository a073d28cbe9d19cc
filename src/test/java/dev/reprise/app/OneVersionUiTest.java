package dev.reprise.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.cli.Cli;
import dev.reprise.ui.ShellStage;
import dev.reprise.workspace.AppVersion;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.reprise.ui.ShellStage.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The version is read in one place ({@link AppVersion}): the window's About, {@code reprise --version} and the
 * health answer of the server that shares a held workspace say the same.
 */
class OneVersionUiTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private LocalWorkspaces.Opened.Held held;
    private ShellStage stage;

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            stage.close();
        }
        if (held != null) {
            held.share().close();
            held.workspace().close();
        }
    }

    private String cliVersion() {
        StringWriter out = new StringWriter();
        int code = new Cli(dir -> {
            throw new AssertionError("--version opens no workspace");
        }, folder.resolve("cli")).execute(new String[] {"--version"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        return out.toString().strip();
    }

    private String healthVersion() throws Exception {
        AtomicReference<WorkspaceShare.Address> address = new AtomicReference<>();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            Optional<WorkspaceShare.Address> found = WorkspaceShare.find(folder.resolve("ws"));
            found.ifPresent(address::set);
            return found.isPresent();
        });
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(address.get().url() + "/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            return new ObjectMapper().readTree(health.body()).path("version").asText();
        }
    }

    private String aboutVersion() throws Exception {
        stage = ShellStage.show(held.workspace());
        stage.showMenu("menu-help");
        robot.clickOn("#menu-about");
        waitUntil(() -> robot.lookup("#about-version").tryQuery().isPresent());
        String text = robot.lookup("#about-version").queryAs(Label.class).getText();
        robot.clickOn("OK");
        return text;
    }

    @Test
    void theAboutDialogTheCommandLineAndTheServerReportTheSameVersion() throws Exception {
        LocalWorkspaces.Opened opened = LocalWorkspaces.holdOrFind(folder.resolve("ws"),
                LocalWorkspaces.Options.defaults().withParallelism(1), Duration.ofSeconds(5));
        held = (LocalWorkspaces.Opened.Held) opened;
        String version = AppVersion.current();
        assertThat(version).isNotBlank();

        assertThat(cliVersion()).isEqualTo("reprise " + version);
        assertThat(healthVersion()).isEqualTo(version);
        assertThat(aboutVersion()).isEqualTo("Version " + version);
    }
}

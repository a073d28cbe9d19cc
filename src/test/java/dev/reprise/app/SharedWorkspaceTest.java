package dev.reprise.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.reprise.run.Json;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.ui.TestWorkspaces;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Workspace;
import dev.reprise.workspace.WorkspaceBusyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.reprise.testing.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One workspace, several processes: this test's JVM holds the workspace as the window would, and real command
 * lines in other processes work on it through what the holder shares.
 */
class SharedWorkspaceTest {

    @TempDir
    Path folder;

    private Path workspaceFolder;
    private Workspace holder;
    private final List<String> notices = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void hold() {
        workspaceFolder = folder.resolve("ws");
        holder = LocalWorkspaces.openOrJoin(workspaceFolder, LocalWorkspaces.Options.defaults().withParallelism(2),
                Duration.ZERO, notices::add);
        waitFor("the share file", () -> WorkspaceShare.find(workspaceFolder).isPresent());
    }

    @AfterEach
    void release() throws IOException {
        // a test that failed half-way leaves a run waiting at its gate; the holder would wait for it on closing
        for (String gate : List.of("gate", "first", "second")) {
            Files.writeString(folder.resolve(gate), "open");
        }
        if (holder != null) {
            holder.close();
        }
    }

    @Test
    void aCommandInAnotherProcessReadsTheHeldWorkspace() throws Exception {
        String flowId = holder.applyFlow(TestWorkspaces.QUICK, "quick.yaml").revision().flowId();
        Run started = holder.start(StartRequest.of(flowId));
        Run run = waitFor("the quick run", () -> holder.run(started.id()).run(), r -> r.state().isTerminal());

        Child list = cli("runs", "list", "--json");

        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode runs = Json.newMapper().readTree(list.out());
        assertThat(runs.findValuesAsText("id")).contains(run.id());
    }

    @Test
    void aRunStartedFromAnotherProcessRunsInTheHolderAndOutlivesThatProcess() throws Exception {
        Path gate = folder.resolve("gate");
        holder.applyFlow(TestWorkspaces.GATED, "gated.yaml");
        List<RunEvent> seen = Collections.synchronizedList(new ArrayList<>());
        holder.subscribeAll(seen::add);
        Path said = folder.resolve("terminal.err");
        Process terminal = cliProcess(said, "run", "gated", "-i", "gate=" + gate);
        Run started = waitForRun(RunState.RUNNING);
        waitFor("the terminal to follow its run", () -> read(said).contains("run " + started.id() + " of gated"));
        waitFor("the holder's subscriber to see it running", () -> seen.stream().anyMatch(e ->
                e instanceof RunEvent.RunChanged(Run run, var time) && run.state() == RunState.RUNNING));

        terminal.toHandle().destroy(); // SIGTERM, as Ctrl+C stops a command: its run goes on in the holder
        assertThat(terminal.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(read(said)).contains("stopped following run " + started.id() + "; it goes on in " + workspaceFolder
                + " (held by process ");
        Files.writeString(gate, "open");

        Run ended = waitFor("the run to end", () -> holder.run(started.id()).run(), r -> r.state().isTerminal());
        assertThat(ended.state()).isEqualTo(RunState.SUCCEEDED);
        waitFor("the holder's subscriber to see it end", () -> seen.stream().anyMatch(e ->
                e instanceof RunEvent.RunChanged(Run run, var time) && run.state() == RunState.SUCCEEDED));
        assertThat(seen).filteredOn(e -> e instanceof RunEvent.StepChanged).extracting(RunEvent::runId)
                .containsOnly(started.id()).isNotEmpty();
    }

    @Test
    void twoTerminalsRunFlowsOnOneWorkspaceAtOnce() throws Exception {
        Path flow = withoutHolderInThisProcess();
        Path first = folder.resolve("first");
        Path second = folder.resolve("second");

        Process one = cliProcess("run", flow.toString(), "-i", "gate=" + first);
        waitFor("the first terminal to share the workspace", () -> WorkspaceShare.find(workspaceFolder).isPresent());
        Process two = cliProcess("run", flow.toString(), "-i", "gate=" + second);
        Thread.sleep(1000);
        assertThat(two.isAlive()).as("the second terminal waits for its run").isTrue();
        Files.writeString(second, "open");
        assertThat(two.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Files.writeString(first, "open");
        assertThat(one.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(two.exitValue()).as(new String(two.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        assertThat(one.exitValue()).as(new String(one.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        try (LocalWorkspace reopened = LocalWorkspaces.open(workspaceFolder, LocalWorkspaces.Options.defaults())) {
            assertThat(reopened.runs(RunQuery.all()).runs()).extracting(Run::state)
                    .containsExactly(RunState.SUCCEEDED, RunState.SUCCEEDED);
        }
    }

    @Test
    void aCommandFollowingARunThroughAHolderThatIsKilledTakesTheWorkspaceOverAndSaysHowTheRunEnded()
            throws Exception {
        Path flow = withoutHolderInThisProcess();
        Path first = folder.resolve("first");
        Path second = folder.resolve("second");
        Process holding = cliProcess("run", flow.toString(), "-i", "gate=" + first);
        waitFor("the first terminal to share the workspace", () -> WorkspaceShare.find(workspaceFolder).isPresent());
        Path said = folder.resolve("follower.err");
        Process following = cliProcess(said, "run", "gated", "-i", "gate=" + second);
        waitFor("the follower to hear its run started", () -> read(said).contains(" of gated revision "));

        // SIGKILL: the holder dies at once; the steps it was running are left to this test to end
        List<ProcessHandle> steps = holding.toHandle().descendants().toList();
        holding.toHandle().destroyForcibly();
        assertThat(holding.waitFor(20, TimeUnit.SECONDS)).isTrue();
        steps.forEach(ProcessHandle::destroyForcibly);

        assertThat(following.waitFor(60, TimeUnit.SECONDS)).as("the follower ends").isTrue();
        String out = new String(following.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(read(said)).contains("Process " + holding.pid() + " ended; this command now holds the workspace.");
        assertThat(out).containsPattern("run r-\\S+ INTERRUPTED in .*the process running this run stopped");
        assertThat(following.exitValue()).isEqualTo(1);
        try (LocalWorkspace reopened = LocalWorkspaces.open(workspaceFolder, LocalWorkspaces.Options.defaults())) {
            assertThat(reopened.runs(RunQuery.all()).runs()).extracting(Run::state)
                    .containsExactly(RunState.INTERRUPTED, RunState.INTERRUPTED);
        }
    }

    @Test
    void theHolderWaitsForRunsOtherProcessesStartedBeforeItCloses() throws Exception {
        Path gate = folder.resolve("gate");
        holder.applyFlow(TestWorkspaces.GATED, "gated.yaml");
        Path said = folder.resolve("terminal.err");
        Process terminal = cliProcess(said, "run", "gated", "-i", "gate=" + gate);
        Run started = waitForRun(RunState.RUNNING);
        waitFor("the terminal to hear its run started", () -> read(said).contains("run " + started.id() + " of gated"));
        Workspace closing = holder;
        holder = null;

        CompletableFuture<Void> closed = CompletableFuture.runAsync(closing::close);
        waitFor("the holder to say what it waits for", () -> !notices.isEmpty());
        Thread.sleep(500);
        assertThat(closed).isNotDone();
        assertThat(notices.get(0)).isEqualTo("waiting for run " + started.id() + " started from another process to end");
        Files.writeString(gate, "open");
        closed.get(60, TimeUnit.SECONDS);

        assertThat(terminal.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(terminal.exitValue()).isZero();
        try (LocalWorkspace reopened = LocalWorkspaces.open(workspaceFolder, LocalWorkspaces.Options.defaults())) {
            assertThat(reopened.run(started.id()).run().state()).isEqualTo(RunState.SUCCEEDED);
        }
        assertThat(WorkspaceShare.find(workspaceFolder)).isEmpty();
    }

    @Test
    void aWorkspaceHeldWithoutBeingSharedIsBusyAfterThePatienceRunsOut() {
        Path other = folder.resolve("other");
        try (LocalWorkspace unshared = LocalWorkspaces.open(other, LocalWorkspaces.Options.defaults())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> LocalWorkspaces.openOrJoin(other,
                            LocalWorkspaces.Options.defaults(), Duration.ofMillis(300), notices::add))
                    .isInstanceOf(WorkspaceBusyException.class).hasMessageContaining("close it first");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(unshared.runs(RunQuery.all()).runs()).isEmpty();
        }
    }

    @Test
    void aWindowJoinsTheTerminalThatHoldsTheWorkspaceAndTakesItOverWhenItEnds() throws Exception {
        Path flow = withoutHolderInThisProcess();
        Path first = folder.resolve("first");
        Path second = folder.resolve("second");
        Process terminal = cliProcess("run", flow.toString(), "-i", "gate=" + first);
        waitFor("the terminal to share the workspace", () -> WorkspaceShare.find(workspaceFolder).isPresent());

        try (LocalHolding window = LocalHolding.open(workspaceFolder, LocalWorkspaces.Options.defaults(),
                Duration.ZERO)) {
            List<String> changes = Collections.synchronizedList(new ArrayList<>());
            window.onChange(changes::add);
            assertThat(window.held()).isEmpty();
            assertThat(window.holder()).isEqualTo("process " + terminal.pid());
            assertThat(window.current().location()).isEqualTo(workspaceFolder + " (held by process " + terminal.pid()
                    + ")");
            Run fromWindow = window.current().start(StartRequest.of("gated").withParameters(
                    Map.of("gate", TextNode.valueOf(second.toString()))));

            Files.writeString(first, "open");
            Thread.sleep(1500);
            assertThat(terminal.isAlive()).as("the terminal waits for the window's run").isTrue();
            Files.writeString(second, "open");
            assertThat(terminal.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(terminal.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                    .contains("waiting for run " + fromWindow.id() + " started from another process to end");

            waitFor("the window to take the workspace over", () -> !changes.isEmpty());
            assertThat(changes).containsExactly("Process " + terminal.pid()
                    + " ended; this window now holds the workspace.");
            assertThat(window.held()).isPresent();
            assertThat(window.current().location()).isEqualTo(workspaceFolder.toString());
            assertThat(window.current().run(fromWindow.id()).run().state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(window.current().runs(RunQuery.all()).runs()).hasSize(2);
        }
    }

    // ---- helpers

    /**
     * Lets go of the workspace this test's JVM holds, so that commands in other processes hold it among
     * themselves; returns the gated flow's file for them to run.
     */
    private Path withoutHolderInThisProcess() throws IOException {
        holder.close();
        holder = null;
        Files.createDirectories(workspaceFolder);
        return Files.writeString(folder.resolve("gated.yaml"), TestWorkspaces.GATED);
    }

    private Run waitForRun(RunState state) {
        return waitFor("a run " + state, () -> holder.runs(RunQuery.all()).runs().stream()
                .filter(r -> r.state() == state).findFirst(), Optional::isPresent).orElseThrow();
    }

    private record Child(int exit, String out, String err) {
    }

    private Child cli(String... args) throws IOException, InterruptedException {
        Process process = cliProcess(args);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Child(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A command line in another process, its errors written to {@code stderr}. */
    private Process cliProcess(Path stderr, String... args) throws IOException {
        return builder(args).redirectError(stderr.toFile()).start();
    }

    private Process cliProcess(String... args) throws IOException {
        return builder(args).start();
    }

    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--workspace", workspaceFolder.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HOME", folder.resolve("home").toString());
        return builder;
    }
}

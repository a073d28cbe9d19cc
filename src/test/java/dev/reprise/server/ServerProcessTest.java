package dev.reprise.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reprise.cli.Cli;
import dev.reprise.client.RemoteWorkspace;
import dev.reprise.run.Json;
import dev.reprise.run.Run;
import dev.reprise.run.RunEvent;
import dev.reprise.run.RunState;
import dev.reprise.run.StepState;
import dev.reprise.workspace.RunDetail;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Subscription;
import dev.reprise.workspace.Workspace;
import dev.reprise.workspace.WorkspaceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code reprise server} as a real child JVM on a free loopback port, driven by the command line with
 * {@code --server}; and killed with SIGKILL mid-run, then started again: the run is INTERRUPTED and a
 * client's event stream resumes across the restart without gaps or duplicates.
 */
class ServerProcessTest {

    private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:(\\d+))/api/v1");
    private static final Pattern TOKEN = Pattern.compile("admin token .*: (rps_\\S+)");

    @TempDir
    Path folder;

    private final List<Process> children = new ArrayList<>();

    /** A started server child: its URL and, on a first start, the admin token it printed. */
    record Child(Process process, String url, int port, String token, LinkedBlockingQueue<String> output) {
    }

    @AfterEach
    void stopChildren() throws Exception {
        for (Process child : children) {
            kill(child);
        }
    }

    private Child startServer(Path ws, int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.reprise.app.Main",
                "server", "--workspace", ws.toString(), "--port", String.valueOf(port))
                .redirectErrorStream(true).start();
        children.add(process);
        LinkedBlockingQueue<String> output = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (java.io.IOException e) {
                // the child died
            }
        });
        reader.setDaemon(true);
        reader.start();
        String url = null;
        String token = null;
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = output.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                if (!process.isAlive()) {
                    break;
                }
                continue;
            }
            seen.add(line);
            Matcher u = URL.matcher(line);
            if (u.find()) {
                url = u.group(1);
            }
            Matcher t = TOKEN.matcher(line);
            if (t.find()) {
                token = t.group(1);
            }
            if (url != null && (token != null || port != 0)) {
                return new Child(process, url, Integer.parseInt(url.substring(url.lastIndexOf(':') + 1)), token, output);
            }
        }
        throw new AssertionError("the server did not start; it printed: " + seen);
    }

    private static void kill(Process child) throws InterruptedException {
        List<ProcessHandle> tree = child.descendants().toList();
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    record Result(int code, String out, String err) {
    }

    private Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Cli cli = new Cli(dev.reprise.app.TestWiring.workspaces(), folder.resolve("unused"),
                new Cli.Environment(null, folder.resolve("connections.json"), Map.of()));
        int code = cli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void theCommandLineStartsAndFollowsRunsOnAServerChild() throws Exception {
        Child server = startServer(folder.resolve("ws"), 0);
        Path flow = folder.resolve("hello.yaml");
        Files.writeString(flow, """
                id: hello
                inputs:
                  who: { type: string, default: world }
                steps:
                  greet:
                    type: shell
                    inputs: { who: "{{ inputs.who }}" }
                    run: sleep 1; echo "hello $REPRISE_INPUT_who"; echo "greeting=hello $REPRISE_INPUT_who" >> "$REPRISE_OUTPUTS"
                """);

        Result refused = cli("flows", "list", "--server", server.url(), "--token", "rps_000000000000.nope");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("the server refused the token (401)");

        Result connect = cli("connect", server.url(), "--token", server.token());
        assertThat(connect.code()).as(connect.err()).isZero();
        assertThat(connect.out()).contains("connected to " + server.url());

        // the saved connection supplies the token from here on
        Result started = cli("run", flow.toString(), "-i", "who=server", "--server", server.url());
        assertThat(started.code()).as(started.err()).isZero();
        String runId = started.out().trim();
        assertThat(started.err()).contains("applied hello revision 1").contains("run " + runId);

        Result followed = cli("run", "hello", "-i", "who=follower", "--follow", "--server", server.url());
        assertThat(followed.code()).as(followed.err()).isZero();
        assertThat(followed.out()).contains("greet  RUNNING").contains("greet  SUCCEEDED").contains("SUCCEEDED in");

        await().atMost(30, TimeUnit.SECONDS).until(() -> cli("runs", "show", runId, "--server", server.url()).out()
                .contains("greet.greeting = hello server"));
        assertThat(cli("logs", runId, "greet", "--server", server.url()).out()).isEqualTo("hello server\n");
        assertThat(cli("runs", "list", "--server", server.url()).out()).contains(runId).contains("SUCCEEDED");
        Result json = cli("runs", "list", "--json", "--server", server.url());
        assertThat(new ObjectMapper().readTree(json.out()).path("runs")).hasSize(2);
    }

    @Test
    void aServerStoppedWithSigtermEndsPromptlyWithoutAStackTrace() throws Exception {
        Child server = startServer(folder.resolve("ws"), 0);
        try (Workspace remote = RemoteWorkspace.connect(URI.create(server.url()), server.token(),
                RemoteWorkspace.Options.defaults())) {
            remote.applyFlow("id: quick\nsteps:\n  one: { type: shell, run: \"echo hi\" }\n", "quick.yaml");
            Run run = remote.start(StartRequest.of("quick"));
            await().atMost(30, TimeUnit.SECONDS).until(() -> remote.run(run.id()).run().state().isTerminal());
        }

        long started = System.nanoTime();
        server.process().destroy(); // SIGTERM
        assertThat(server.process().waitFor(20, TimeUnit.SECONDS)).as("the server ends").isTrue();
        long millis = (System.nanoTime() - started) / 1_000_000;

        Thread.sleep(200); // the reader thread drains what the child printed last
        List<String> printed = new ArrayList<>(server.output());
        assertThat(printed).as("what the server printed while stopping")
                .noneMatch(line -> line.contains("Exception") || line.contains("Error") || line.startsWith("\tat ")
                        || line.contains("WARN") || line.contains("ERROR"));
        assertThat(server.process().exitValue()).isIn(0, 143);
        assertThat(millis).as("milliseconds to stop").isLessThan(10_000);
    }

    @Test
    void aServerKilledMidRunLeavesItInterruptedAndEventStreamsResumeWithoutGapsOrDuplicates() throws Exception {
        Path ws = folder.resolve("ws");
        Child first = startServer(ws, 0);
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        try (Workspace remote = RemoteWorkspace.connect(URI.create(first.url()), first.token(),
                new RemoteWorkspace.Options(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(10),
                        java.time.Duration.ofSeconds(35), null))) {
            remote.applyFlow("""
                    id: crash
                    steps:
                      first: { type: shell, run: "echo value=42 >> $REPRISE_OUTPUTS" }
                      second: { type: shell, needs: [first], run: "echo done=yes >> $REPRISE_OUTPUTS" }
                      hang: { type: shell, needs: [second], run: "sleep 120" }
                      after: { type: shell, needs: [hang], run: "true" }
                    """, "crash.yaml");
            Run run = remote.start(StartRequest.of("crash"));
            try (Subscription ignored = remote.subscribe(run.id(), 0, events::add)) {
                await().atMost(30, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e ->
                        e instanceof RunEvent.StepChanged(var s, var at) && s.stepId().equals("hang")
                                && s.state() == StepState.RUNNING));
                // H2 writes committed changes to disk within half a second: let what the client saw become durable
                Thread.sleep(1_500);
                int beforeKill = events.size();
                kill(first.process());

                assertThatThrownBy(() -> remote.flows()).isInstanceOf(WorkspaceException.class)
                        .hasMessageContaining("cannot reach the Reprise server at " + first.url());
                startServer(ws, first.port());

                await().atMost(60, TimeUnit.SECONDS).until(() -> events.stream().anyMatch(e ->
                        e instanceof RunEvent.RunChanged(var changed, var at) && changed.state().isTerminal()));
                assertThat(events.size()).isGreaterThan(beforeKill);
            }

            RunDetail detail = remote.run(run.id());
            assertThat(detail.run().state()).isEqualTo(RunState.INTERRUPTED);
            assertThat(detail.step("first").outputs().get("value").asInt()).isEqualTo(42);
            assertThat(detail.step("hang").state()).isEqualTo(StepState.INTERRUPTED);

            assertThat(events).extracting(RunEvent::seq).isSorted();
            assertThat(events).extracting(e -> (e instanceof RunEvent.StepChanged(var s, var at) ? s.stepId() : "run")
                            + "@" + e.seq())
                    .doesNotHaveDuplicates();
            // no gap: the last event of the run and of every step is what the store holds
            RunEvent.RunChanged lastRun = events.stream().filter(RunEvent.RunChanged.class::isInstance)
                    .map(RunEvent.RunChanged.class::cast).reduce((a, b) -> b).orElseThrow();
            assertThat(lastRun.run().state()).isEqualTo(RunState.INTERRUPTED);
            assertThat(lastRun.seq()).isEqualTo(detail.run().seq());
            for (var step : detail.steps()) {
                RunEvent.StepChanged last = events.stream().filter(RunEvent.StepChanged.class::isInstance)
                        .map(RunEvent.StepChanged.class::cast).filter(e -> e.step().stepId().equals(step.stepId()))
                        .reduce((a, b) -> b).orElseThrow();
                assertThat(last.step().state()).as(step.stepId()).isEqualTo(step.state());
                assertThat(last.seq()).as(step.stepId()).isEqualTo(step.seq());
            }
        }
    }
}

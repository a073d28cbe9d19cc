package dev.reprise.app;

import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.workspace.LocalWorkspace;
import dev.reprise.workspace.StartRequest;
import dev.reprise.workspace.Workspace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.reprise.bench.Flows.chains;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One workspace, two processes, printed (run with {@code mvn -Pbench test -Dtest=SharedWorkspaceBenchmark}):
 * the time of {@code reprise runs list} as a second process while another holds the workspace, beside the same
 * command alone; and the steps/s of 10,000 no-op steps (100 chains of 100) started by a command in a second
 * process and executed by the holder, beside the same run started in the holder itself. Medians of 5.
 */
@Tag("bench")
class SharedWorkspaceBenchmark {

    private static final int TIMES = 5;

    @TempDir
    Path folder;

    @Test
    void sharedWorkspace() throws Exception {
        Path ws = folder.resolve("ws");
        Path flow = folder.resolve("noop_10k.yaml");
        Files.writeString(flow, chains("noop_10k", 100, 100, "type: noop"));
        System.out.printf("%nShared workspace benchmark on %d cores, Java %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        try (LocalWorkspace seeded = LocalWorkspaces.open(ws, LocalWorkspaces.Options.defaults())) {
            seeded.applyFlow(Files.readString(flow), flow.toString());
            for (int i = 0; i < 5; i++) {
                seeded.start(StartRequest.of("noop_10k"));
            }
            waitForAll(seeded);
        }

        List<Long> alone = new ArrayList<>();
        for (int i = 0; i < TIMES; i++) {
            alone.add(timeCommand(ws, "runs", "list", "--json"));
        }
        List<Long> joined = new ArrayList<>();
        List<Double> here = new ArrayList<>();
        List<Double> fromOther = new ArrayList<>();
        Workspace holder = LocalWorkspaces.openOrJoin(ws, LocalWorkspaces.Options.defaults(), Duration.ZERO, s -> { });
        try {
            while (WorkspaceShare.find(ws).isEmpty()) {
                Thread.sleep(20);
            }
            for (int i = 0; i < TIMES; i++) {
                joined.add(timeCommand(ws, "runs", "list", "--json"));
            }
            for (int i = 0; i < TIMES; i++) {
                Run started = holder.start(StartRequest.of("noop_10k"));
                here.add(stepsPerSecond(awaitEnd(holder, started.id())));
                timeCommand(ws, "run", "noop_10k");
                Run other = holder.runs(RunQuery.all().withLimit(1)).runs().get(0);
                fromOther.add(stepsPerSecond(awaitEnd(holder, other.id())));
            }
        } finally {
            holder.close();
        }
        System.out.printf("runs list, a second process, wall ms (median of %d): alone %d, beside a holder %d%n",
                TIMES, median(alone), median(joined));
        System.out.printf("10,000 no-op steps, steps/s (median of %d): started in the holder %.0f, "
                + "started by a command in a second process %.0f%n", TIMES, medianOf(here), medianOf(fromOther));
    }

    private static double stepsPerSecond(Run run) {
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        return 10_000 / (Duration.between(run.startedAt(), run.endedAt()).toNanos() / 1e9);
    }

    private static Run awaitEnd(Workspace workspace, String runId) throws InterruptedException {
        while (true) {
            Run run = workspace.run(runId).run();
            if (run.state().isTerminal()) {
                return run;
            }
            Thread.sleep(20);
        }
    }

    private static void waitForAll(Workspace workspace) throws InterruptedException {
        while (workspace.runs(RunQuery.all()).runs().stream().anyMatch(r -> !r.state().isTerminal())) {
            Thread.sleep(50);
        }
    }

    /** The wall time of the command line in a new process, in ms; it must succeed. */
    private long timeCommand(Path ws, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of("--workspace", ws.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("HOME", folder.resolve("home").toString());
        long start = System.nanoTime();
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(process.exitValue()).as(String.join(" ", args)).isZero();
        return ms;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static double medianOf(List<Double> values) {
        return values.stream().sorted(Comparator.naturalOrder()).toList().get(values.size() / 2);
    }
}

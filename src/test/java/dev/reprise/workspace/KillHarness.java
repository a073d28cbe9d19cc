package dev.reprise.workspace;

import dev.reprise.app.LocalWorkspaces;
import dev.reprise.run.ArtifactRef;
import dev.reprise.run.Run;
import dev.reprise.run.RunQuery;
import dev.reprise.run.RunState;
import dev.reprise.run.StepRun;
import dev.reprise.run.StepState;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kills a real Reprise process with SIGKILL while it runs a flow of a few hundred quick steps, and checks
 * that the reopened workspace keeps everything the process had reported: every run whose start it printed,
 * and every step it printed as SUCCEEDED, with its outputs readable and their digests right. Each round
 * starts a new child JVM ({@code reprise run FLOW --follow}) on the same workspace, reads what it prints,
 * kills it at a moment chosen at random (during start-up, right after a burst of step ends, or at a random
 * time into the run), reads what it had printed before it died, and reopens the workspace. Used by the
 * crash test of the suite and by the soak benchmark.
 */
public final class KillHarness {

    /** A follow line starts with the time and the count of steps done ({@code [done/total]}). */
    private static final Pattern RUN_LINE = Pattern.compile("^\\S+  \\[\\S+\\]  run (r-\\S+)  ([A-Z]+)");
    private static final Pattern FINAL_LINE = Pattern.compile("^run (r-\\S+) ([A-Z]+) in ");
    private static final Pattern STEP_SUCCEEDED = Pattern.compile("^\\S+  \\[\\S+\\]  (\\S+)  SUCCEEDED(\\s|$)");

    /** Where a round kills the process. */
    public enum KillPoint {
        /** At a random moment from the process's start, often before its run has started. */
        STARTUP,
        /** At once after reading the n-th step end the process printed. */
        AFTER_BURST,
        /** At a random time after the run started. */
        DURING_RUN
    }

    /** What one round did and found. */
    public record Round(KillPoint point, boolean killedWhileRunning, int reportedRuns, int reportedSteps,
                        List<String> lost, long reopenMillis) {
    }

    /** Leases of the killed processes on a shared store: the least there is, so that takeovers come soon. */
    private static final Duration LEASE = Duration.ofSeconds(1);

    private final Path folder;
    private final Path workspace;
    /** The shared database the processes keep their records in; null for the workspace folder's own. */
    private final String store;
    private final long seed;
    private final Path flowFile;
    private final Random random;
    /** Everything any round reported: run id → steps printed as SUCCEEDED. */
    private final Map<String, Set<String>> reported = new LinkedHashMap<>();

    public KillHarness(Path folder, long seed) {
        this(folder, seed, null);
    }

    /** A harness whose processes keep their records in the shared database at {@code store} (null: none). */
    public KillHarness(Path folder, long seed, String store) {
        this.folder = folder;
        this.store = store;
        this.workspace = folder.resolve("ws");
        this.flowFile = folder.resolve("kill_test.yaml");
        this.seed = seed;
        this.random = new Random(seed);
        try {
            Files.writeString(flowFile, flow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed of the random kill points: the same seed kills at the same points. */
    public long seed() {
        return seed;
    }

    public Path workspace() {
        return workspace;
    }

    /**
     * A flow of 255 quick steps: a list, a fan-out of 100 file outputs over it, three chains of 40 file outputs,
     * a chain of 30 JSON values, and four shell steps with a value and a file output each.
     */
    static String flow() {
        StringBuilder yaml = new StringBuilder("""
                id: kill_test
                description: Quick steps of every kind whose outputs the crash test checks
                steps:
                  parts: { type: list.range, inputs: { count: 100, prefix: "part-" } }
                  write:
                    type: file.write
                    foreach: "{{ steps.parts.outputs.items }}"
                    inputs: { name: "{{ item }}.txt", content: "{{ item }} of {{ run.id }}" }
                """);
        for (char chain : new char[] {'a', 'b', 'c'}) {
            for (int i = 0; i < 40; i++) {
                yaml.append("  ").append(chain).append(i).append(": { type: file.write, inputs: { name: f")
                        .append(i).append(", content: \"").append(chain).append(i).append(" of {{ run.id }}\" }");
                if (i > 0) {
                    yaml.append(", needs: [").append(chain).append(i - 1).append(']');
                }
                yaml.append(" }\n");
            }
        }
        for (int i = 0; i < 30; i++) {
            yaml.append("  v").append(i).append(": { type: json.transform, inputs: { value: { n: ").append(i)
                    .append(", run: \"{{ run.id }}\" }, mappings: { n: /n, run: /run } }");
            if (i > 0) {
                yaml.append(", needs: [v").append(i - 1).append(']');
            }
            yaml.append(" }\n");
        }
        for (int i = 0; i < 4; i++) {
            yaml.append("  sh").append(i).append(":\n    type: shell\n")
                    .append("    run: echo n=").append(i).append(" >> \"$REPRISE_OUTPUTS\"; echo shell ").append(i)
                    .append(" > \"$REPRISE_OUTPUT_DIR/out.txt\"\n");
        }
        return yaml.toString();
    }

    /** One round: start, kill at a point chosen at random, reopen, check everything reported so far. */
    public Round round() throws Exception {
        KillPoint point = KillPoint.values()[random.nextInt(KillPoint.values().length)];
        long startupDelay = random.nextInt(1_500);
        int burst = 1 + random.nextInt(250);
        long runDelay = random.nextInt(600);

        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.reprise.app.Main", "run", flowFile.toString(), "--workspace", workspace.toString(), "--follow"));
        if (store != null) {
            command.addAll(List.of("--store", store, "--lease", LEASE.toSeconds() + "s"));
        }
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        Output output = new Output(child, point == KillPoint.AFTER_BURST ? burst : Integer.MAX_VALUE);
        Thread reader = new Thread(output, "kill-harness-reader");
        reader.start();
        switch (point) {
            case STARTUP -> output.killAfter(startupDelay);
            case AFTER_BURST -> output.killed.await(60, TimeUnit.SECONDS);
            case DURING_RUN -> {
                output.started.await(60, TimeUnit.SECONDS);
                output.killAfter(runDelay);
            }
        }
        output.kill();
        reader.join(TimeUnit.SECONDS.toMillis(30));
        if (reader.isAlive()) {
            throw new AssertionError("the killed process's output never ended: " + output.lines);
        }

        output.runs.forEach(id -> reported.computeIfAbsent(id, k -> new LinkedHashSet<>()));
        output.steps.forEach((run, steps) -> reported.computeIfAbsent(run, k -> new LinkedHashSet<>()).addAll(steps));
        int reportedSteps = output.steps.values().stream().mapToInt(Set::size).sum();

        if (store != null) {
            // the dead process's runs are taken over once its leases have run out
            Thread.sleep(LEASE.toMillis() + 200);
        }
        long t = System.nanoTime();
        List<String> lost;
        try (LocalWorkspace reopened = reopen()) {
            long reopen = (System.nanoTime() - t) / 1_000_000;
            lost = check(reopened, output.steps.keySet());
            return new Round(point, output.killedWhileRunning(), output.runs.size(), reportedSteps, lost, reopen);
        }
    }

    /** The workspace the killed processes worked on, opened in this process. */
    public LocalWorkspace reopen() {
        LocalWorkspaces.Options options = LocalWorkspaces.Options.defaults().withLeaseTerm(LEASE);
        return store == null ? LocalWorkspaces.open(workspace, options)
                : LocalWorkspaces.openShared(store, workspace, options);
    }

    /**
     * Every problem in the reopened workspace: a reported run or step that is missing or changed, a file
     * output whose bytes do not match its digest, a run or step left going. Digests are checked for the runs
     * of {@code fresh}; earlier runs were checked when they were fresh.
     */
    private List<String> check(LocalWorkspace reopened, Set<String> fresh) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Set<String>> entry : reported.entrySet()) {
            String runId = entry.getKey();
            RunDetail detail;
            try {
                detail = reopened.run(runId);
            } catch (NotFoundException e) {
                problems.add("run " + runId + " was reported and is gone");
                continue;
            }
            for (String stepId : entry.getValue()) {
                StepRun step = detail.steps().stream().filter(s -> s.stepId().equals(stepId)).findFirst().orElse(null);
                if (step == null || step.state() != StepState.SUCCEEDED) {
                    problems.add(runId + "/" + stepId + " was reported SUCCEEDED and is "
                            + (step == null ? "gone" : step.state()));
                } else if (step.outputs().isEmpty()) {
                    problems.add(runId + "/" + stepId + " lost its outputs");
                } else if (fresh.contains(runId)) {
                    for (JsonNode value : step.outputs().values()) {
                        String wrong = checkArtifact(reopened, value);
                        if (wrong != null) {
                            problems.add(runId + "/" + stepId + ": " + wrong);
                        }
                    }
                }
            }
        }
        for (Run run : reopened.runs(RunQuery.all().withLimit(RunQuery.MAX_LIMIT)).runs()) {
            if (!run.state().isTerminal()) {
                problems.add("run " + run.id() + " is still " + run.state() + " after reopening");
            }
            if (fresh.contains(run.id())) {
                reopened.run(run.id()).steps().stream().filter(s -> !s.state().isTerminal())
                        .forEach(s -> problems.add(run.id() + "/" + s.stepId() + " left " + s.state()));
            }
        }
        return problems;
    }

    private static String checkArtifact(LocalWorkspace reopened, JsonNode value) throws IOException {
        ArtifactRef ref = ArtifactRef.from(value).orElse(null);
        if (ref == null) {
            return null;
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = 0;
        try (InputStream in = reopened.openArtifact(ref.sha256())) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                size += n;
            }
        } catch (RuntimeException | IOException e) {
            return "artifact " + ref.sha256() + " cannot be read: " + e;
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(ref.sha256()) || size != ref.size()) {
            return "artifact " + ref.sha256() + " holds " + size + " bytes with digest " + actual;
        }
        return null;
    }

    /** The child's output, read line by line; it can kill the child itself after a number of step ends. */
    private static final class Output implements Runnable {
        final Process child;
        final int killAtStep;
        final List<String> lines = new ArrayList<>();
        final Set<String> runs = new LinkedHashSet<>();
        final Map<String, Set<String>> steps = new LinkedHashMap<>();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch killed = new CountDownLatch(1);
        final AtomicBoolean dead = new AtomicBoolean();
        volatile boolean ended;
        volatile boolean runEnded;
        String currentRun;
        int succeeded;

        Output(Process child, int killAtStep) {
            this.child = child;
            this.killAtStep = killAtStep;
        }

        @Override
        public void run() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    take(line);
                }
            } catch (IOException e) {
                lines.add("(reading failed: " + e + ")");
            } finally {
                ended = true;
                started.countDown();
                killed.countDown();
            }
        }

        private void take(String line) {
            lines.add(line);
            Matcher run = RUN_LINE.matcher(line);
            Matcher last = FINAL_LINE.matcher(line);
            Matcher step = STEP_SUCCEEDED.matcher(line);
            if (run.find()) {
                currentRun = run.group(1);
                runs.add(currentRun);
                started.countDown();
                if (RunState.valueOf(run.group(2)).isTerminal()) {
                    runEnded = true;
                }
            } else if (last.find()) {
                runs.add(last.group(1));
                runEnded = true;
            } else if (step.find() && currentRun != null) {
                steps.computeIfAbsent(currentRun, k -> new LinkedHashSet<>()).add(step.group(1));
                if (++succeeded >= killAtStep) {
                    kill();
                    killed.countDown();
                }
            }
        }

        void killAfter(long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (!ended && System.nanoTime() < deadline) {
                Thread.sleep(Math.min(5, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            }
        }

        void kill() {
            if (!dead.compareAndSet(false, true)) {
                return;
            }
            List<ProcessHandle> tree = child.descendants().toList();
            child.destroyForcibly(); // SIGKILL
            tree.forEach(ProcessHandle::destroyForcibly);
            try {
                child.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Whether the kill hit a run that had started and not ended. */
        boolean killedWhileRunning() {
            return !runs.isEmpty() && !runEnded;
        }
    }
}

package dev.reprise.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reprise.flow.StepDef;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code shell} step type: a process ({@code run:} through {@code /bin/sh -c}, or {@code command:} argv)
 * whose inputs arrive as {@code REPRISE_INPUT_<name>} environment variables and whose outputs are
 * {@code name=value} lines appended to {@code $REPRISE_OUTPUTS} plus the files written to
 * {@code $REPRISE_OUTPUT_DIR}. Standard output and error go to the attempt's log. Cancelling kills the
 * whole process tree. Thread-safe.
 */
final class ShellExecutor implements StepExecutor {

    static final String TYPE = "shell";

    private final Values values;
    private final Clock clock;

    ShellExecutor(Values values, Clock clock) {
        this.values = values;
        this.clock = clock;
    }

    @Override
    public List<StepTypeInfo> types() {
        return List.of(new StepTypeInfo(TYPE, Map.of(), Set.of(), true,
                "Runs a command with /bin/sh; inputs as REPRISE_INPUT_<name>, outputs as name=value lines in $REPRISE_OUTPUTS"));
    }

    @Override
    public String fingerprint(StepDef step) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(String.valueOf(step.run()).getBytes(StandardCharsets.UTF_8));
        digest.update(String.join("\0", step.command()).getBytes(StandardCharsets.UTF_8));
        digest.update(String.valueOf(step.env()).getBytes(StandardCharsets.UTF_8));
        return "shell:" + Sha256.hex(digest).substring(0, 16);
    }

    @Override
    public StepOutcome execute(StepInvocation inv, Cancellation cancellation) {
        Instant started = clock.instant();
        Path outputs = inv.workDir().resolve(".reprise-outputs");
        Path outputDir = inv.workDir().resolve("out");
        Process process;
        try {
            Files.createDirectories(outputDir);
            Files.write(outputs, new byte[0]); // a kept working folder has it already, empty
            ProcessBuilder builder = new ProcessBuilder(argv(inv))
                    .directory(inv.workDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(inv.logFile().get().toFile()));
            Map<String, String> env = builder.environment();
            env.putAll(inv.env());
            env.putAll(inv.step().env());
            inv.inputs().forEach((name, value) -> env.put("REPRISE_INPUT_" + name, values.toEnv(value)));
            env.put("REPRISE_OUTPUTS", outputs.toString());
            env.put("REPRISE_OUTPUT_DIR", outputDir.toString());
            env.put("REPRISE_RUN_ID", inv.runId());
            env.put("REPRISE_STEP_ID", inv.stepId());
            env.put("REPRISE_ATTEMPT", Integer.toString(inv.attempt()));
            process = builder.start();
        } catch (IOException e) {
            return new StepOutcome(AttemptState.FAILED, Map.of(), null, "cannot start the command: " + e.getMessage(),
                    started, clock.instant(), AttemptProcess.hasLog(inv.logFile().get()));
        }
        AttemptProcess.Waited waited = AttemptProcess.await(process, inv, cancellation, started, clock);
        if (waited.stopped() != null) {
            return waited.stopped();
        }
        int exit = waited.exitCode();
        Instant ended = clock.instant();
        boolean hasLog = AttemptProcess.hasLog(inv.logFile().get());
        if (exit != 0) {
            return new StepOutcome(AttemptState.FAILED, Map.of(), exit, "exited with code " + exit, started, ended,
                    hasLog);
        }
        try {
            return new StepOutcome(AttemptState.SUCCEEDED, readOutputs(outputs, outputDir), exit, null, started,
                    clock.instant(), hasLog);
        } catch (IOException | RuntimeException e) {
            return new StepOutcome(AttemptState.FAILED, Map.of(), exit, "cannot read the step's outputs: "
                    + e.getMessage(), started, clock.instant(), hasLog);
        }
    }

    private static List<String> argv(StepInvocation inv) {
        if (inv.step().run() != null) {
            return List.of("/bin/sh", "-c", inv.step().run());
        }
        return inv.step().command();
    }

    private Map<String, JsonNode> readOutputs(Path outputs, Path outputDir) throws IOException {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(outputDir)) {
            listing.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        for (Path file : files) {
            result.put(file.getFileName().toString(), values.storeFile(file));
        }
        OutputLine.readAll(outputs, line -> {
            int eq = line.text().indexOf('=');
            if (eq <= 0) {
                throw line.isNot("name=value");
            }
            String name = line.text().substring(0, eq).trim();
            result.put(name, values.parseOutput(line.text().substring(eq + 1)));
        });
        return result;
    }
}

package dev.reprise.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reprise.flow.StepDef;
import dev.reprise.flow.StepTypeInfo;
import dev.reprise.run.AttemptState;
import dev.reprise.run.Sha256;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code python} step type: the step's {@code script:} run by its interpreter ({@code python:}, the flow's, or
 * {@code python3} on the PATH) in the attempt's working folder. The helper module {@code reprise} (a resource,
 * written into the attempt's {@code .reprise} folder and put on {@code PYTHONPATH}) gives the script its inputs
 * as Python values, read from the JSON file {@code $REPRISE_INPUTS}, and appends its outputs as JSON lines to
 * {@code $REPRISE_OUTPUTS}, which are read when the script ends (files become file artifacts). Standard output and
 * error go to the attempt's log; an exception fails the attempt with its type, message and script line, the
 * traceback in the log. Cancelling kills the whole process tree. Thread-safe.
 */
final class PythonExecutor implements StepExecutor {

    static final String TYPE = "python";
    static final String DEFAULT_INTERPRETER = "python3";
    private static final String HELPER = "reprise.py";
    private static final int MAX_ERROR_CHARS = 2_000;

    private final Values values;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final byte[] helper;

    PythonExecutor(Values values, ObjectMapper mapper, Clock clock) {
        this.values = values;
        this.mapper = mapper;
        this.clock = clock;
        this.helper = readHelper();
    }

    @Override
    public List<StepTypeInfo> types() {
        return List.of(new StepTypeInfo(TYPE, Map.of(), Set.of(), true,
                "Runs a Python script (script:); reprise.inputs() gives its inputs as Python values, "
                        + "reprise.output() and reprise.output_file() record its outputs"));
    }

    @Override
    public String fingerprint(StepDef step) {
        MessageDigest digest = Sha256.newDigest();
        for (String part : new String[] {step.script(), step.file(), step.function(), interpreter(step)}) {
            digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        digest.update(String.valueOf(step.env()).getBytes(StandardCharsets.UTF_8));
        return "python:" + Sha256.hex(digest).substring(0, 16);
    }

    @Override
    public StepOutcome execute(StepInvocation inv, Cancellation cancellation) {
        Instant started = clock.instant();
        if (inv.step().script() == null) {
            return failed(inv, started, null, "python step " + inv.step().id() + " has no script:");
        }
        Path own = inv.workDir().resolve(".reprise");
        Path lib = own.resolve("lib");
        Path script = own.resolve(scriptName(inv.step()));
        Path inputs = own.resolve("inputs.json");
        Path outputs = own.resolve("outputs.jsonl");
        Path error = own.resolve("error.json");
        ProcessBuilder builder = new ProcessBuilder()
                .directory(inv.workDir().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PYTHONUNBUFFERED", "1"); // the log shows prints as they happen
        env.put("PYTHONIOENCODING", "utf-8");
        env.putAll(inv.env());
        env.putAll(inv.step().env());
        String pythonPath = env.get("PYTHONPATH");
        env.put("PYTHONPATH", pythonPath == null || pythonPath.isEmpty() ? lib.toString()
                : lib + File.pathSeparator + pythonPath);
        env.put("REPRISE_INPUTS", inputs.toString());
        env.put("REPRISE_OUTPUTS", outputs.toString());
        env.put("REPRISE_ERROR", error.toString());
        env.put("REPRISE_RUN_ID", inv.runId());
        env.put("REPRISE_STEP_ID", inv.stepId());
        env.put("REPRISE_ATTEMPT", Integer.toString(inv.attempt()));
        String interpreter = interpreter(inv.step());
        Optional<Path> executable = onPath(interpreter, env.get("PATH"));
        if (executable.isEmpty()) {
            return failed(inv, started, null, "python interpreter '" + interpreter + "' not found: set python: in "
                    + "the flow");
        }
        try {
            Files.createDirectories(lib);
            Files.write(lib.resolve(HELPER), helper);
            Files.writeString(script, inv.step().script(), StandardCharsets.UTF_8);
            ObjectNode given = mapper.createObjectNode();
            inv.inputs().forEach((name, value) -> given.set(name, values.withPaths(value)));
            Files.write(inputs, mapper.writeValueAsBytes(given));
            Files.createFile(outputs);
        } catch (IOException e) {
            return failed(inv, started, null, "cannot prepare the step's working folder: " + e.getMessage());
        }
        Process process;
        try {
            process = builder.command(executable.get().toString(), lib.resolve(HELPER).toString(), script.toString())
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(inv.logFile().get().toFile()))
                    .start();
        } catch (IOException e) {
            return failed(inv, started, null, "cannot start python interpreter '" + interpreter + "': "
                    + e.getMessage());
        }
        AttemptProcess.Waited waited = AttemptProcess.await(process, inv, cancellation, started, clock);
        if (waited.stopped() != null) {
            return waited.stopped();
        }
        int exit = waited.exitCode();
        if (exit != 0) {
            return failed(inv, started, exit, raised(error).orElse("exited with code " + exit));
        }
        try {
            return new StepOutcome(AttemptState.SUCCEEDED, readOutputs(outputs), exit, null, started, clock.instant(),
                    AttemptProcess.hasLog(inv.logFile().get()));
        } catch (IOException | RuntimeException e) {
            return failed(inv, started, exit, "cannot read the step's outputs: " + e.getMessage());
        }
    }

    private StepOutcome failed(StepInvocation inv, Instant started, Integer exit, String error) {
        return new StepOutcome(AttemptState.FAILED, Map.of(), exit, error, started, clock.instant(),
                AttemptProcess.hasLog(inv.logFile().get()));
    }

    static String interpreter(StepDef step) {
        return step.python() != null ? step.python() : DEFAULT_INTERPRETER;
    }

    /**
     * The executable {@code command} names: a path as it is, a bare name looked up in {@code path} (the PATH the
     * interpreter gets, which the run's or step's env may change, so it is searched here rather than by the JDK).
     */
    static Optional<Path> onPath(String command, String path) {
        if (command.contains("/")) {
            return executable(command, null);
        }
        if (path == null || command.isEmpty()) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Optional<Path> found = dir.isEmpty() ? Optional.empty() : executable(dir, command);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(String first, String more) {
        try {
            Path candidate = more == null ? Path.of(first) : Path.of(first, more);
            return Files.isRegularFile(candidate) && Files.isExecutable(candidate) ? Optional.of(candidate)
                    : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The script is named after its step, so that the traceback in the log says which code it is. */
    private static String scriptName(StepDef step) {
        return step.id() + ".py";
    }

    /**
     * The exception the script raised, as the helper described it: {@code ValueError: bad month (line 3 of the
     * script, in load)}; empty when the script raised none (or the description cannot be read).
     */
    private Optional<String> raised(Path error) {
        if (!Files.isRegularFile(error)) {
            return Optional.empty();
        }
        try {
            JsonNode raised = mapper.readTree(error.toFile());
            String type = raised.path("type").asText("");
            if (type.isEmpty()) {
                return Optional.empty();
            }
            String message = raised.path("message").asText("");
            StringBuilder text = new StringBuilder(type);
            if (!message.isEmpty()) {
                text.append(": ").append(message);
            }
            if (raised.path("line").canConvertToInt()) {
                text.append(" (line ").append(raised.path("line").asInt()).append(" of the script");
                if (raised.path("function").isTextual()) {
                    text.append(", in ").append(raised.path("function").asText());
                }
                text.append(')');
            }
            return Optional.of(text.length() <= MAX_ERROR_CHARS ? text.toString()
                    : text.substring(0, MAX_ERROR_CHARS) + "… (the whole message is in the log)");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The outputs the script gave through the helper, one JSON object per line; a later line wins. */
    private Map<String, JsonNode> readOutputs(Path outputs) throws IOException {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        OutputLine.readAll(outputs, line -> {
            JsonNode record;
            try {
                record = mapper.readTree(line.text());
            } catch (JsonProcessingException e) {
                record = null;
            }
            if (record == null || !record.isObject()) {
                throw line.isNot("a JSON object as reprise.output() writes");
            }
            String name = record.path("name").asText("");
            if (name.isEmpty() || !(record.has("value") || record.path("file").isTextual())) {
                throw line.isNot("{\"name\": …, \"value\": …} or {\"name\": …, \"file\": …}");
            }
            if (record.has("value")) {
                result.put(name, record.get("value"));
            } else {
                Path file = Path.of(record.get("file").asText());
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("output '" + name + "' is the file " + file
                            + ", which was gone when the script ended");
                }
                result.put(name, values.storeFile(file));
            }
        });
        return result;
    }

    private static byte[] readHelper() {
        try (InputStream in = PythonExecutor.class.getResourceAsStream(HELPER)) {
            if (in == null) {
                throw new IllegalStateException("the python helper module " + HELPER + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
